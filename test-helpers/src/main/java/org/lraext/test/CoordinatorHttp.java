package org.lraext.test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.lraext.lra.protocol.LraIds;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A Narayana coordinator's REST API as tests call it, each call with a bounded timeout: the one helper the project's
 * tests and {@code quarkus-lra-junit} share. Calls whose answer is not the expected one fail with an
 * {@link AssertionError} that says what the coordinator answered.
 */
public final class CoordinatorHttp {

    /** What the coordinator reports for an LRA it no longer knows (finished and forgotten). */
    public static final String GONE = "gone";

    private final String url;
    private final HttpClient http;

    /** @param url the coordinator's base URL, e.g. {@code http://localhost:50001/lra-coordinator} */
    public CoordinatorHttp(String url) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Its base URL. */
    public String url() {
        return url;
    }

    /** Starts an LRA directly, as a client outside any participant would; its id. */
    public String start(String clientId) {
        HttpResponse<String> r = send("POST", url + "/start?ClientID=" + URLEncoder.encode(clientId,
                StandardCharsets.UTF_8) + "&TimeLimit=0", null);
        if (r.statusCode() != 201) {
            throw new AssertionError("The coordinator could not start an LRA: " + r.statusCode() + " " + r.body());
        }
        return r.headers().firstValue("Location").orElse(r.body().trim());
    }

    /** Joins a participant by its {@code Link} header; the coordinator's answer. */
    public HttpResponse<String> join(String lra, String link) {
        return send("PUT", url + "/" + uid(lra) + "?TimeLimit=0", null, "Link", link);
    }

    /** Asks to close an LRA; the coordinator's answer. */
    public HttpResponse<String> close(String lra) {
        return send("PUT", url + "/" + uid(lra) + "/close", "");
    }

    /** Asks to cancel an LRA; the coordinator's answer. */
    public HttpResponse<String> cancel(String lra) {
        return send("PUT", url + "/" + uid(lra) + "/cancel", "");
    }

    /** The LRA's status name, or {@link #GONE} once the coordinator has finished with it and forgotten it. */
    public String statusName(String lra) {
        HttpResponse<String> r = send("GET", url + "/" + uid(lra) + "/status", null);
        if (r.statusCode() == 404) {
            return GONE;
        }
        if (r.statusCode() != 200) {
            throw new AssertionError("The coordinator answered " + r.statusCode() + " for the status of " + lra + ": "
                    + r.body());
        }
        return r.body().trim();
    }

    /** The LRA's status, or empty once the coordinator has finished with it and forgotten it. */
    public Optional<LRAStatus> status(String lra) {
        String name = statusName(lra);
        return GONE.equals(name) ? Optional.empty() : Optional.of(LRAStatus.valueOf(name));
    }

    /** The LRAs the coordinator holds, as it lists them (lraId, clientId, status, ...); in one status, or all. */
    public List<JsonObject> list(String status) {
        HttpResponse<String> r = send("GET", url + (status == null ? "/" : "?Status=" + status), null, "Accept",
                "application/json");
        if (r.statusCode() != 200) {
            throw new AssertionError("The coordinator answered " + r.statusCode() + " for its LRA list: " + r.body());
        }
        List<JsonObject> all = new ArrayList<>();
        for (Object o : new JsonArray(r.body())) {
            all.add((JsonObject) o);
        }
        return all;
    }

    /** The ids of the LRAs it holds that have not finished (Active, Closing, Cancelling, or failed to end). */
    public List<String> unfinished() {
        List<String> ids = new ArrayList<>();
        for (JsonObject lra : list(null)) {
            String status = lra.getString("status");
            if (!"Closed".equals(status) && !"Cancelled".equals(status)) {
                ids.add(lra.getString("lraId"));
            }
        }
        return ids;
    }

    /** Asks for a recovery pass now (replays pending callbacks) rather than waiting for the periodic one. */
    public void recover() {
        send("GET", url + "/recovery", null);
    }

    /** The uid of an LRA id: its last path segment. */
    public static String uid(String lra) {
        return LraIds.uid(URI.create(lra));
    }

    /** One call: the coordinator's answer; an {@link AssertionError} when it cannot be reached. */
    public HttpResponse<String> send(String method, String target, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("The LRA coordinator at " + url + " could not be reached (" + method + " " + target
                    + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while calling the LRA coordinator", e);
        }
    }
}
