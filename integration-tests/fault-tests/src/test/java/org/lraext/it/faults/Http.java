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

    /** The coordinator's REST API. */
    final class Coordinator {
        final String base;

        Coordinator(String base) {
            this.base = base;
        }

        String start(String clientId) {
            HttpResponse<String> r = send("POST", base + "/start?ClientID=" + clientId + "&TimeLimit=0", null);
            if (r.statusCode() != 201) {
                throw new AssertionError("start answered " + r.statusCode() + ": " + r.body());
            }
            return r.headers().firstValue("Location").orElseThrow();
        }

        /** Joins a participant by its {@code Link} header; the coordinator's answer. */
        HttpResponse<String> join(String lra, String link) {
            return send("PUT", base + "/" + uid(lra) + "?TimeLimit=0", null, "Link", link);
        }

        int close(String lra) {
            return send("PUT", base + "/" + uid(lra) + "/close", null).statusCode();
        }

        int cancel(String lra) {
            return send("PUT", base + "/" + uid(lra) + "/cancel", null).statusCode();
        }

        /** Its status name, or "gone" once the coordinator has finished and forgotten it. */
        String status(String lra) {
            HttpResponse<String> r = send("GET", base + "/" + uid(lra) + "/status", null);
            return r.statusCode() == 404 ? "gone" : r.statusCode() == 200 ? r.body().trim() : "HTTP " + r.statusCode();
        }

        /** How many LRAs it holds in this status (Active, Closing, Cancelling, ...). */
        int count(String status) {
            List<Map<String, Object>> all = rows(base + "?Status=" + status);
            return all.size();
        }

        /** Asks for a recovery pass now (replays pending callbacks) rather than waiting for the periodic one. */
        void recover() {
            send("GET", base + "/recovery", null);
        }

        private static String uid(String lra) {
            String path = URI.create(lra).getPath();
            return path.substring(path.lastIndexOf('/') + 1);
        }
    }
}
