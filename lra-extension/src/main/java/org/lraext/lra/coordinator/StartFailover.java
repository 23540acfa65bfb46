package org.lraext.lra.coordinator;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Where new LRAs start, and what happens when a coordinator fails them: the only class that decides to fail over.
 * <ul>
 * <li>A top-level LRA starts on the coordinator {@link StartCoordinators} chooses; one that cannot be reached or
 * answers 5xx is skipped and the next tried, so a coordinator that is down costs a request at most one connect
 * timeout; it is then left out of new starts for a few seconds.</li>
 * <li>A start whose answer was lost is looked for later ({@link LostStarts}).</li>
 * <li>An LRA started for a request whose join then fails is cancelled (retried while its coordinator is unreachable);
 * when its coordinator did not answer the join and another one exists, the LRA is started again there, once.</li>
 * </ul>
 * A nested LRA starts on its parent's coordinator, without failover.
 */
final class StartFailover {

    private static final Logger LOG = Logger.getLogger(StartFailover.class);

    private final CoordinatorProtocol protocol;
    private final StartCoordinators starts;
    private final LostStarts lostStarts;
    private final RetriedEnds retriedEnds;
    /** Coordinators that could not be reached, and until when (nanoTime) new LRAs skip them. */
    private final Map<URI, Long> downUntil = new ConcurrentHashMap<>();
    private final long skipNanos;

    StartFailover(CoordinatorProtocol protocol, StartCoordinators starts, LostStarts lostStarts,
            RetriedEnds retriedEnds, CoordinatorClientOptions options) {
        this.protocol = protocol;
        this.starts = starts;
        this.lostStarts = lostStarts;
        this.retriedEnds = retriedEnds;
        // a coordinator that failed is skipped for a while, then tried again by the next start that reaches it
        this.skipNanos = Math.max(TimeUnit.SECONDS.toNanos(5), 2 * options.connectTimeout().toNanos());
    }

    /** Whether a new LRA could start on another coordinator than a failed one. */
    boolean several() {
        return starts.several();
    }

    /** Starts an LRA (see the class description). */
    CompletionStage<URI> start(String clientId, long timeLimitMillis, URI parent) {
        if (parent != null) {
            URI coordinator = protocol.ids().coordinatorOf(parent);
            if (coordinator == null) {
                return CoordinatorProtocol.<URI> untrusted(parent).toCompletionStage();
            }
            return startOn(coordinator, clientId, timeLimitMillis, parent).toCompletionStage();
        }
        return onCallersContext(starts.next()).thenCompose(candidates -> startTopLevel(candidates, clientId,
                timeLimitMillis));
    }

    /**
     * Starts an LRA and joins a participant to it; the participant's {@code Link} header depends on the LRA's id.
     * The LRA is not left behind when the join fails (see the class description).
     *
     * @param link the participant's {@code Link} header for an LRA id, or null to join nobody
     */
    CompletionStage<Enlistment> begin(String clientId, long timeLimitMillis, URI parent, Function<URI, String> link) {
        return begin(clientId, timeLimitMillis, parent, link, false);
    }

    private CompletionStage<Enlistment> begin(String clientId, long timeLimitMillis, URI parent,
            Function<URI, String> link, boolean restarted) {
        return start(clientId, timeLimitMillis, parent).thenCompose(lra -> {
            if (link == null) {
                return CompletableFuture.completedFuture(new Enlistment(lra, null, false));
            }
            return protocol.join(lra, timeLimitMillis, link.apply(lra)).toCompletionStage()
                    .thenApply(recovery -> new Enlistment(lra, recovery, true))
                    .exceptionallyCompose(t -> joinFailed(lra, Failures.cause(t), clientId, timeLimitMillis, parent,
                            link, restarted));
        });
    }

    private CompletionStage<Enlistment> joinFailed(URI lra, Throwable failure, String clientId, long timeLimitMillis,
            URI parent, Function<URI, String> link, boolean restarted) {
        // the LRA was started for this join only: do not leave it behind
        // (when its coordinator is the one that failed, the cancel waits for it to come back)
        CompletionStage<Enlistment> cancelled = protocol.end(lra, LraEnd.CANCEL).toCompletionStage().handle((s, c) -> {
            if (c != null && Failures.unreachable(c)) {
                retriedEnds.add(lra, LraEnd.CANCEL);
            } else if (c != null) {
                LOG.warnf("Could not cancel LRA %s after a failed join: %s", lra, Failures.cause(c).getMessage());
            }
            return null;
        }).thenCompose(v -> CompletableFuture.failedFuture(failure));
        CoordinatorException e = Failures.coordinatorFailure(failure);
        if (parent != null || restarted || e == null || e.status() != 503 || e.answered() != 0 || !several()) {
            return cancelled;
        }
        // its coordinator went down between the start and the join: nothing has run in the LRA yet, so it starts again,
        // on another coordinator (the first one's cancel goes on meanwhile)
        failed(lra);
        LOG.infof("The coordinator of LRA %s failed its join (%s); starting the LRA again", lra, e.getMessage());
        return begin(clientId, timeLimitMillis, null, link, true);
    }

    /**
     * Tells that the coordinator of this LRA could not be reached: new LRAs skip it for a few seconds, as after a
     * failed start.
     */
    void failed(URI lra) {
        URI c = protocol.ids().coordinatorOf(lra);
        if (c != null) {
            markDown(c);
        }
    }

    private CompletionStage<URI> startTopLevel(List<URI> candidates, String clientId, long timeLimitMillis) {
        if (candidates.isEmpty()) {
            return CompletableFuture.failedFuture(new CoordinatorException(503,
                    "No LRA coordinator to start an LRA on: the service discovery found none", null));
        }
        URI chosen = candidates.get(0);
        if (candidates.size() == 1) {
            return startOnChosen(chosen, clientId, timeLimitMillis).toCompletionStage();
        }
        List<URI> order = order(candidates);
        if (!order.get(0).equals(chosen)) {
            // the strategy's choice is known to be down: it is told so at once, the start goes elsewhere
            starts.started(chosen, new CoordinatorException(503, "LRA coordinator " + chosen + " failed recently; skipped",
                    null));
        }
        return startOnFirst(order, 0, order.get(0).equals(chosen) ? chosen : null, clientId, timeLimitMillis, null)
                .toCompletionStage();
    }

    /** The candidates to try in turn: those not known to be down first, then the others in the same order. */
    private List<URI> order(List<URI> candidates) {
        List<URI> order = new ArrayList<>(candidates.size());
        List<URI> skipped = new ArrayList<>();
        long now = System.nanoTime();
        for (URI c : candidates) {
            Long until = downUntil.get(c);
            if (until != null && until - now > 0) {
                skipped.add(c);
            } else {
                order.add(c);
            }
        }
        if (!order.isEmpty() && !skipped.isEmpty() && skipped.get(0).equals(candidates.get(0)) && order.size() > 1) {
            // the choice is down: pick among the live ones at random, so that the coordinator after it in the list does
            // not take its share too
            Collections.rotate(order, ThreadLocalRandom.current().nextInt(order.size()));
        }
        order.addAll(skipped); // all down: try them anyway
        return order;
    }

    private Future<URI> startOnFirst(List<URI> order, int i, URI chosen, String clientId, long timeLimitMillis,
            CoordinatorException last) {
        if (i == order.size()) {
            return Future.failedFuture(last);
        }
        URI coordinator = order.get(i);
        Future<URI> attempt = coordinator.equals(chosen) ? startOnChosen(coordinator, clientId, timeLimitMillis)
                : startOn(coordinator, clientId, timeLimitMillis, null);
        return attempt
                .onSuccess(lra -> downUntil.remove(coordinator))
                .recover(t -> {
                    if (t instanceof CoordinatorException e && e.status() == 503) {
                        markDown(coordinator);
                        LOG.debugf("LRA coordinator %s failed to start an LRA (%s); trying the next one", coordinator,
                                e.getMessage());
                        return startOnFirst(order, i + 1, chosen, clientId, timeLimitMillis, e);
                    }
                    return Future.failedFuture(t);
                });
    }

    private Future<URI> startOnChosen(URI coordinator, String clientId, long timeLimitMillis) {
        return startOn(coordinator, clientId, timeLimitMillis, null)
                .andThen(ar -> starts.started(coordinator, ar.cause()));
    }

    private Future<URI> startOn(URI coordinator, String clientId, long timeLimitMillis, URI parent) {
        // unique, so that an LRA whose start answer is lost can be found again
        String uniqueId = LostStarts.uniqueId(clientId);
        return protocol.start(coordinator, uniqueId, timeLimitMillis, parent).onFailure(t -> {
            if (LostStarts.maybeCreated(t)) {
                lostStarts.add(coordinator, uniqueId);
            }
        });
    }

    private void markDown(URI coordinator) {
        long now = System.nanoTime();
        if (downUntil.size() >= 1024) {
            // coordinators come and go with a discovery: forget those whose pause is over
            downUntil.values().removeIf(until -> until - now <= 0);
        }
        downUntil.put(coordinator, now + skipNanos);
    }

    /**
     * A discovery may complete on another request's context (a shared look-up); the start continues on the caller's
     * own, where its request's context data (MDC, trace) live.
     */
    private static <T> CompletionStage<T> onCallersContext(CompletionStage<T> stage) {
        Context caller = Vertx.currentContext();
        if (caller == null || stage.toCompletableFuture().isDone()) {
            return stage;
        }
        CompletableFuture<T> back = new CompletableFuture<>();
        stage.whenComplete((v, t) -> {
            if (Vertx.currentContext() == caller) {
                complete(back, v, t);
            } else {
                caller.runOnContext(x -> complete(back, v, t));
            }
        });
        return back;
    }

    private static <T> void complete(CompletableFuture<T> f, T value, Throwable failure) {
        if (failure != null) {
            f.completeExceptionally(failure);
        } else {
            f.complete(value);
        }
    }
}
