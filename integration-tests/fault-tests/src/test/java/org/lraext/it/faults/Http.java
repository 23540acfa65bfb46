package org.lraext.it.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.lraext.test.CoordinatorHttp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Plain HTTP calls to the saga's services and its coordinator, with a bounded timeout on every call.
 */
final class Http {

    static final String LRA = "Long-Running-Action";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;

    Http(HttpClient client) {
        this.client = client;
    }

    HttpResponse<String> send(String method, String url, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The rows a service lists as JSON. */
    List<Map<String, Object>> rows(String url) {
        HttpResponse<String> r = send("GET", url, null);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        try {
            return JSON.readValue(r.body(), new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String json(Map<String, Object> value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The coordinator's REST API, through the project's shared helper, with the answers these tests count. */
    final class Coordinator {
        final String base;
        private final CoordinatorHttp api;

        Coordinator(String base) {
            this.base = base;
            this.api = new CoordinatorHttp(base);
        }

        String start(String clientId) {
            return api.start(clientId);
        }

        /** Joins a participant by its {@code Link} header; the coordinator's answer. */
        HttpResponse<String> join(String lra, String link) {
            return api.join(lra, link);
        }

        int close(String lra) {
            return api.close(lra).statusCode();
        }

        int cancel(String lra) {
            return api.cancel(lra).statusCode();
        }

        /** Its status name, "gone" once the coordinator has finished and forgotten it, or "HTTP <code>" for an error. */
        String status(String lra) {
            HttpResponse<String> r = api.send("GET", base + "/" + CoordinatorHttp.uid(lra) + "/status", null);
            return r.statusCode() == 404 ? CoordinatorHttp.GONE : r.statusCode() == 200 ? r.body().trim()
                    : "HTTP " + r.statusCode();
        }

        /** How many LRAs it holds in this status (Active, Closing, Cancelling, ...). */
        int count(String status) {
            return api.list(status).size();
        }

        /** Asks for a recovery pass now (replays pending callbacks) rather than waiting for the periodic one. */
        void recover() {
            api.recover();
        }
    }
}
