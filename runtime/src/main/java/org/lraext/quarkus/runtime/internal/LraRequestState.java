package org.lraext.quarkus.runtime.internal;

import java.net.URI;

/**
 * What the request filter did for one request, for the response filter to finish.
 */
final class LraRequestState {

    static final String PROPERTY = LraRequestState.class.getName();

    final Endpoint endpoint;
    /** The LRA the request arrived in, or null. */
    final URI incoming;
    /** The LRA the method runs in, or null. */
    URI current;
    /** The parent of {@link #current} when it was started nested in the incoming LRA, else null. */
    URI nestedParent;
    /** Whether {@link #current} was started for this request. */
    boolean started;
    /** Whether the coordinator was asked to end {@link #current}. */
    volatile boolean ended;
    /** When the request filter saw the request (callbacks only, for the journal). */
    long startNanos;
    /** The LRA a callback concerns (callbacks only, for the journal). */
    String callbackLra;
    /** Whether the request was refused before the method ran (a failed join): nothing to end. */
    volatile boolean aborted;
    /** Whether the response filter saw the answer. */
    volatile boolean responded;
    /** The request's own LRA was started again on another coordinator after its first coordinator failed the join. */
    boolean restarted;
    /** The request's processing, to suspend and resume it in the response filter (LRA requests only). */
    org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext request;
    /** The completion callback that ends an unanswered request's LRA is registered (once per request). */
    boolean completionWatched;

    LraRequestState(Endpoint endpoint, URI incoming) {
        this.endpoint = endpoint;
        this.incoming = incoming;
    }
}
