package org.lraext.quarkus.test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.lraext.test.CoordinatorHttp;

/**
 * The coordinator the application under test uses (the Dev Services one, or the configured
 * {@code quarkus.lra.coordinator-url}), over its REST API.
 */
public final class LraCoordinator {

    private final CoordinatorHttp http;

    LraCoordinator(String url) {
        this.http = new CoordinatorHttp(url);
    }

    /** Its base URL, e.g. {@code http://localhost:50001/lra-coordinator}. */
    public String url() {
        return http.url();
    }

    /**
     * The LRA's status, or empty once the coordinator has finished with it and forgotten it (it forgets Closed and
     * Cancelled LRAs).
     */
    public Optional<LRAStatus> status(String lraId) {
        return http.status(lraId);
    }

    /**
     * The LRAs the coordinator still holds that have not finished (Active, Closing, Cancelling, or failed to end), as
     * ids.
     */
    public List<String> active() {
        return http.unfinished();
    }

    /** Starts an LRA directly on the coordinator, as a client outside the application would. */
    public String start(String clientId) {
        return http.start(clientId);
    }

    /** Closes an LRA; returns the status the coordinator reports. */
    public String close(String lraId) {
        return ended("close", lraId, http.close(lraId));
    }

    /** Cancels an LRA; returns the status the coordinator reports. */
    public String cancel(String lraId) {
        return ended("cancel", lraId, http.cancel(lraId));
    }

    private static String ended(String operation, String lraId, HttpResponse<String> r) {
        if (r.statusCode() != 200) {
            throw new AssertionError("The coordinator could not " + operation + " " + lraId + ": " + r.statusCode() + " "
                    + r.body());
        }
        return r.body().trim();
    }
}
