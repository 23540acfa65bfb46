package org.lraext.quarkus.runtime.internal;

import java.net.URI;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

/**
 * One request whose method runs in an LRA, from the moment it is enlisted to its end: what the response filter (or,
 * for a request that ends without a response, the completion callback) needs to end the LRA.
 */
final class LraRequest {

    static final String PROPERTY = LraRequest.class.getName();

    /** Where the request is. */
    enum Phase {
        /** The method runs (or is about to) in {@link #lra}. */
        RUNNING,
        /** The response filter saw its answer and ends the LRA as the answer says. */
        ANSWERED,
        /** It ended without a response (client gone, unmapped exception): the LRA ends as the method's result says. */
        UNANSWERED
    }

    final Endpoint endpoint;
    /** The LRA the method runs in. */
    final URI lra;
    /** The parent of {@link #lra} when it was started nested in the incoming LRA, else null. */
    final URI nestedParent;
    /** The request's processing, to suspend and resume it while the LRA ends. */
    final ResteasyReactiveRequestContext processing;
    private Phase phase = Phase.RUNNING;

    LraRequest(Endpoint endpoint, URI lra, URI nestedParent, ResteasyReactiveRequestContext processing) {
        this.endpoint = endpoint;
        this.lra = lra;
        this.nestedParent = nestedParent;
        this.processing = processing;
    }

    /** Moves from {@link Phase#RUNNING} to {@code next}; false when the request has left that phase already. */
    synchronized boolean leaveRunning(Phase next) {
        if (phase != Phase.RUNNING) {
            return false;
        }
        phase = next;
        return true;
    }

    synchronized Phase phase() {
        return phase;
    }
}
