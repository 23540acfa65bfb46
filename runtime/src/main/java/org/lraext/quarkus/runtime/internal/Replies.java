package org.lraext.quarkus.runtime.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.lraext.lra.coordinator.CoordinatorException;

/**
 * What the filters' collaborators answer with, and the header helpers they share.
 */
final class Replies {

    /** Go on with the request (no answer of the filter's own). */
    static final CompletableFuture<Response> CONTINUE = CompletableFuture.completedFuture(null);
    /** Nothing to wait for before the answer is sent. */
    static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private Replies() {
    }

    static Response text(int status, String message) {
        return Response.status(status).type(MediaType.TEXT_PLAIN_TYPE).entity(message).build();
    }

    /** Stop the request with this answer. */
    static CompletionStage<Response> abort(int status, String message) {
        return CompletableFuture.completedFuture(text(status, message));
    }

    /** The coordinator's failure, as the caller sees it. */
    static Response failure(CoordinatorException e) {
        return text(e.status(), e.getMessage());
    }

    static void putIfAbsent(ContainerResponseContext resp, String name, String value) {
        if (!resp.getHeaders().containsKey(name)) {
            resp.getHeaders().putSingle(name, value);
        }
    }

    /** The last value of a header, trimmed, or null. */
    static String lastValue(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        String v = values.get(values.size() - 1);
        return v == null ? null : v.trim();
    }
}
