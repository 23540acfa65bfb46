package org.lraext.lra.coordinator;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

/**
 * Ends (close or cancel) that could not be asked for because the coordinator was unreachable: retried with back-off
 * (0.5 s doubling up to 30 s) until the coordinator answers, so that an LRA whose request finished while its
 * coordinator was down is not left Active for ever. An answer other than "unreachable" (the LRA ended meanwhile, or is
 * unknown) stops the retries. Kept in memory: at most {@value #MAX} at a time, lost if the application stops.
 */
final class RetriedEnds {

    private static final Logger LOG = Logger.getLogger(RetriedEnds.class);
    static final int MAX = 10_000;
    private static final long FIRST_DELAY_MILLIS = 500;
    private static final long MAX_DELAY_MILLIS = 30_000;

    private final CoordinatorTransport transport;
    private final CoordinatorProtocol protocol;
    private final AtomicInteger pending = new AtomicInteger();

    RetriedEnds(CoordinatorTransport transport, CoordinatorProtocol protocol) {
        this.transport = transport;
        this.protocol = protocol;
    }

    /** Retries closing or cancelling an LRA until its coordinator answers; false when too many wait already. */
    boolean add(URI lra, LraEnd end) {
        if (pending.incrementAndGet() > MAX) {
            pending.decrementAndGet();
            LOG.errorf("LRA %s could not be %s and %d other ends already wait for their coordinator: not retried",
                    lra, end.done(), MAX);
            return false;
        }
        LOG.warnf("LRA %s could not be %s: its coordinator is unreachable; retrying until it answers", lra, end.done());
        schedule(lra, end, 0);
        return true;
    }

    /** How many wait for their coordinator. */
    int pending() {
        return pending.get();
    }

    private void schedule(URI lra, LraEnd end, int attempt) {
        long delay = Math.min(MAX_DELAY_MILLIS, FIRST_DELAY_MILLIS << Math.min(attempt, 6));
        transport.later(delay, () -> {
            if (transport.closed()) {
                return;
            }
            protocol.end(lra, end).onComplete(ar -> {
                if (ar.failed() && Failures.unreachable(ar.cause())) {
                    schedule(lra, end, attempt + 1);
                    return;
                }
                pending.decrementAndGet();
                if (ar.succeeded()) {
                    LOG.infof("LRA %s %s after %d retries (%s)", lra, end.done(), attempt + 1, ar.result());
                } else if (Failures.refused(ar.cause())) {
                    // (retries carry the service's own credentials, never a caller's: see CoordinatorTransport.later)
                    LOG.errorf("LRA %s could not be %s: its coordinator is back but refuses this service's own"
                            + " credentials (%s); it stays Active until its time limit. A service that forwards its"
                            + " callers' tokens needs a token of its own (a token file or an OIDC client) for the ends"
                            + " it retries", lra, end.done(), ar.cause().getMessage());
                } else {
                    LOG.infof("LRA %s: no need to %s it any more: %s", lra, end.operation(), ar.cause().getMessage());
                }
            });
        });
    }
}
