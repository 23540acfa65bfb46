package org.lraext.quarkus.runtime.internal;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;
import org.lraext.lra.coordinator.CoordinatorClient;
import org.lraext.lra.coordinator.CoordinatorException;

import io.vertx.core.Vertx;

/**
 * Ends (close or cancel) that the coordinator could not be asked for because it was unreachable: retried with
 * back-off (0.5 s doubling up to 30 s) until the coordinator answers, so that an LRA whose request finished while its
 * coordinator was down is not left Active forever. An answer other than "unreachable" (the LRA ended meanwhile, or is
 * unknown) stops the retries. Kept in memory: at most {@value #MAX} at a time, lost if the application stops.
 */
public final class PendingEnds {

    private static final Logger LOG = Logger.getLogger(PendingEnds.class);
    static final int MAX = 10_000;
    private static final long FIRST_DELAY_MILLIS = 500;
    private static final long MAX_DELAY_MILLIS = 30_000;

    private final Vertx vertx;
    private final CoordinatorClient coordinator;
    private final AtomicInteger pending = new AtomicInteger();

    PendingEnds(Vertx vertx, CoordinatorClient coordinator) {
        this.vertx = vertx;
        this.coordinator = coordinator;
    }

    /** Whether the failure means the coordinator was not reached (so the end is worth retrying). */
    static boolean unreachable(Throwable t) {
        Throwable cause = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
        return cause instanceof CoordinatorException e && e.status() == 503;
    }

    /** Retries closing or cancelling an LRA until its coordinator answers. */
    void add(URI lra, boolean cancel) {
        if (pending.incrementAndGet() > MAX) {
            pending.decrementAndGet();
            LOG.errorf("LRA %s could not be %s and %d other ends already wait for their coordinator: not retried",
                    lra, cancel ? "cancelled" : "closed", MAX);
            return;
        }
        LOG.warnf("LRA %s could not be %s: its coordinator is unreachable; retrying until it answers", lra,
                cancel ? "cancelled" : "closed");
        schedule(lra, cancel, 0);
    }

    private void schedule(URI lra, boolean cancel, int attempt) {
        long delay = Math.min(MAX_DELAY_MILLIS, FIRST_DELAY_MILLIS << Math.min(attempt, 6));
        vertx.setTimer(delay, id -> (cancel ? coordinator.cancel(lra) : coordinator.close(lra)).whenComplete((s, t) -> {
            if (t != null && unreachable(t)) {
                schedule(lra, cancel, attempt + 1);
                return;
            }
            pending.decrementAndGet();
            if (t == null) {
                LOG.infof("LRA %s %s after %d retries (%s)", lra, cancel ? "cancelled" : "closed", attempt + 1, s);
            } else {
                LOG.infof("LRA %s: no need to %s it any more: %s", lra, cancel ? "cancel" : "close", t.getMessage());
            }
        }));
    }
}
