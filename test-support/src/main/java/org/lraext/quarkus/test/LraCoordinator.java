package org.lraext.quarkus.test;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.lraext.lra.coordinator.CoordinatorClient;

/**
 * The coordinator the application under test uses (the Dev Services one, or the configured
 * {@code quarkus.lra.coordinator-url}), over its REST API.
 */
public final class LraCoordinator {

    private static final Pattern LRA_ENTRY = Pattern.compile(
            "\\{[^{}]*?\"lraId\"\\s*:\\s*\"([^\"]+)\"[^{}]*?\"status\"\\s*:\\s*\"([^\"]+)\"[^{}]*}");

    private final String url;
    private final HttpClient http;

    LraCoordinator(String url) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The coordinator of the running application. */
    public static LraCoordinator current() {
        return new LraCoordinator(LraTesting.bean(CoordinatorClient.class).ids().primary().toString());
    }

    /** Its base URL, e.g. {@code http://localhost:50001/lra-coordinator}. */
    public String url() {
        return url;
    }

    /**
     * The LRA's status, or empty once the coordinator has finished with it and forgotten it (it forgets Closed and
     * Cancelled LRAs).
     */
    public Optional<LRAStatus> status(String lraId) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url + "/" + uid(lraId) + "/status")).GET());
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw new AssertionError("The coordinator answered " + r.statusCode() + " for the status of " + lraId + ": "
                    + r.body());
        }
        return Optional.of(LRAStatus.valueOf(r.body().trim()));
    }

    /**
     * The LRAs the coordinator still holds that have not finished (Active, Closing, Cancelling, or failed to end), as
     * ids.
     */
    public List<String> active() {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url + "/")).header("Accept", "application/json")
                .GET());
        if (r.statusCode() != 200) {
            throw new AssertionError("The coordinator answered " + r.statusCode() + " for its LRA list: " + r.body());
        }
        List<String> ids = new ArrayList<>();
        // one JSON object per LRA, e.g. {"lraId":"http://...","clientId":"...","status":"Active",...}
        Matcher m = LRA_ENTRY.matcher(r.body());
        while (m.find()) {
            String status = m.group(2);
            if (!"Closed".equals(status) && !"Cancelled".equals(status)) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    /** Starts an LRA directly on the coordinator, as a client outside the application would. */
    public String start(String clientId) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url + "/start?ClientID="
                + URLEncoder.encode(clientId, StandardCharsets.UTF_8) + "&TimeLimit=0"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        if (r.statusCode() != 201) {
            throw new AssertionError("The coordinator could not start an LRA: " + r.statusCode() + " " + r.body());
        }
        return r.headers().firstValue("Location").orElse(r.body().trim());
    }

    /** Closes an LRA; returns the status the coordinator reports. */
    public String close(String lraId) {
        return end(lraId, "close");
    }

    /** Cancels an LRA; returns the status the coordinator reports. */
    public String cancel(String lraId) {
        return end(lraId, "cancel");
    }

    private String end(String lraId, String operation) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url + "/" + uid(lraId) + "/" + operation))
                .PUT(HttpRequest.BodyPublishers.noBody()));
        if (r.statusCode() != 200) {
            throw new AssertionError("The coordinator could not " + operation + " " + lraId + ": " + r.statusCode() + " "
                    + r.body());
        }
        return r.body().trim();
    }

    static String uid(String lraId) {
        String path = URI.create(lraId).getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("The LRA coordinator at " + url + " could not be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while calling the LRA coordinator", e);
        }
    }
}
