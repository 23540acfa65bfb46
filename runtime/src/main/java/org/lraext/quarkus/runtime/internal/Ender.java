package org.lraext.quarkus.runtime.internal;

import java.net.URI;
import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.lraext.lra.coordinator.CoordinatorClient;
import org.lraext.lra.coordinator.CoordinatorException;
import org.lraext.lra.coordinator.Failures;
import org.lraext.lra.coordinator.LraEnd;
import org.lraext.lra.protocol.EndpointPolicy;
import org.lraext.lra.protocol.LraHeaders;
import org.lraext.quarkus.runtime.LraJournal;

/**
 * Ends the LRA an {@link LraRequest}'s method ran in, as the method's answer and its {@code @LRA} say: closes it,
 * cancels it or leaves it active. A request that ends without a response (the client went away, an exception no
 * mapper handled) ends its LRA too, so that it is not left active for ever.
 */
final class Ender {

    private static final Logger LOG = Logger.getLogger(Ender.class);

    private final CoordinatorClient coordinator;
    private final LraMetrics metrics;
    private final LraJournal journal;

    Ender(CoordinatorClient coordinator, LraMetrics metrics, LraJournal journal) {
        this.coordinator = coordinator;
        this.metrics = metrics;
        this.journal = journal;
    }

    /** Watches for the request ending without passing the response filters. */
    void watch(LraRequest request) {
        ResteasyReactiveRequestContext processing = request.processing;
        processing.registerCompletionCallback(failure -> {
            if (request.leaveRunning(LraRequest.Phase.UNANSWERED)) {
                Throwable thrown = failure != null ? failure : processing.getThrowable();
                unanswered(request, thrown, thrown == null ? processing.getResult() : null);
            }
        });
    }

    /**
     * The method answered: the caller learns which LRA it goes on in, and the LRA ends as the answer says. Completes
     * when the answer may be sent.
     */
    CompletionStage<Void> answered(LraRequest request, ContainerResponseContext resp) {
        if (!request.leaveRunning(LraRequest.Phase.ANSWERED)) {
            return Replies.DONE;
        }
        URI lra = request.lra;
        EndpointPolicy.Outcome outcome = request.endpoint.policy().outcome(resp.getStatus());
        // the caller goes on in this LRA; after a nested one ends, that is its parent again
        URI next = request.nestedParent != null && outcome != EndpointPolicy.Outcome.KEEP ? request.nestedParent : lra;
        Replies.putIfAbsent(resp, LraHeaders.CONTEXT, next.toString());
        if (outcome == EndpointPolicy.Outcome.KEEP) {
            return Replies.DONE;
        }
        LraEnd end = LraEnd.of(outcome == EndpointPolicy.Outcome.CANCEL);
        long started = System.nanoTime();
        return coordinator.endOrRetry(lra, end).handle((status, t) -> {
            String className = request.endpoint.className();
            LraJournal.Kind kind = end == LraEnd.CANCEL ? LraJournal.Kind.CANCEL_REQUESTED
                    : LraJournal.Kind.CLOSE_REQUESTED;
            if (t == null) {
                resp.getHeaders().putSingle(LraHeaders.ENDED, lra.toString());
                metrics.ended(end == LraEnd.CANCEL, true);
                journal.record(lra.toString(), kind, className, null, 200, status, System.nanoTime() - started);
                return null;
            }
            CoordinatorException e = Failures.coordinatorFailure(t);
            if (e == null) {
                // a defect of ours, not the coordinator's answer: the method's answer stands
                LOG.errorf(Failures.cause(t), "Ending LRA %s failed", lra);
                return null;
            }
            metrics.ended(end == LraEnd.CANCEL, false);
            journal.record(lra.toString(), kind, className, null, e.status(), e.getMessage(),
                    System.nanoTime() - started);
            endFailed(resp, lra, end, e);
            return null;
        });
    }

    private static void endFailed(ContainerResponseContext resp, URI lra, LraEnd end, CoordinatorException e) {
        if (e.status() == 412) {
            // it ended already, e.g. its time limit passed: the caller's answer stands
            LOG.debugf("LRA %s had already ended: %s", lra, e.getMessage());
            return;
        }
        LOG.warnf("Could not %s LRA %s: %s", end.operation(), lra, e.getMessage());
        resp.setStatus(e.status());
        resp.setEntity("The LRA " + lra + " could not be " + end.done() + ": " + e.getMessage(), null,
                MediaType.TEXT_PLAIN_TYPE);
    }

    /** The request ended without a response: its LRA ends as the method's result says (500 for an exception). */
    private void unanswered(LraRequest request, Throwable failure, Object result) {
        URI lra = request.lra;
        int status = unansweredStatus(failure, result);
        EndpointPolicy.Outcome outcome = request.endpoint.policy().outcome(status);
        if (outcome == EndpointPolicy.Outcome.KEEP) {
            return;
        }
        LraEnd end = LraEnd.of(outcome == EndpointPolicy.Outcome.CANCEL);
        LOG.debugf("Request in LRA %s ended without a response (%s, status %d): %s it", lra, failure, status,
                end.operation());
        coordinator.endOrRetry(lra, end).whenComplete((s, t) -> {
            metrics.ended(end == LraEnd.CANCEL, t == null);
            if (t != null && !CoordinatorClient.retried(t)) {
                LOG.warnf("Could not %s LRA %s after its request failed: %s", end.operation(), lra,
                        Failures.cause(t).getMessage());
            }
        });
    }

    private static int unansweredStatus(Throwable failure, Object result) {
        if (failure != null) {
            return failure instanceof WebApplicationException wae && wae.getResponse() != null
                    ? wae.getResponse().getStatus()
                    : 500;
        }
        if (result instanceof Response r) {
            return r.getStatus();
        }
        if (result instanceof RestResponse<?> r) {
            return r.getStatus();
        }
        // an entity is a 200; no result and no exception is a method that returned nothing: 204
        return result != null ? 200 : 204;
    }
}
