package org.lraext.lra.coordinator;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.lraext.lra.protocol.LraIds;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Non-blocking client of Narayana LRA coordinators: what a participant asks of them.
 * <p>
 * It is a thin face over four parts: the {@linkplain CoordinatorTransport transport} (pooled keep-alive connections,
 * one pool per caller's event loop), the {@linkplain CoordinatorProtocol protocol} (each operation's URL and answers),
 * the {@linkplain StartFailover failover} (where LRAs start, skipping coordinators that fail, and starting again when
 * a join fails) with the {@linkplain LostStarts search for lost starts}, and the {@linkplain RetriedEnds ends retried}
 * while a coordinator is unreachable. No call blocks; every failure is a {@link CoordinatorException} whose status a
 * participant can hand to its caller: 503 when the coordinator cannot be reached or does not answer in time, 412 when
 * the LRA is no longer active, 403 for an LRA of an untrusted coordinator (never contacted).
 */
public class CoordinatorClient implements AutoCloseable {

    /**
     * Told of every coordinator call, for metrics and tracing. Called on the event loop: must not block.
     */
    public interface CallObserver {

        /** Observes nothing. */
        CallObserver NONE = new CallObserver() {
        };

        /**
         * A call begins.
         *
         * @param operation {@code start}, {@code join}, {@code close}, {@code cancel}, {@code status}, {@code leave}, {@code renew},
         *        {@code list}, {@code ping}
         * @param lra the LRA the call is about, or null ({@code start}, {@code list}, {@code ping})
         * @param url the URL called
         * @return anything the observer needs back in {@link #ended}, or null
         */
        default Object started(String operation, URI lra, String url) {
            return null;
        }

        /**
         * The call ended.
         *
         * @param token what {@link #started} returned
         * @param status the coordinator's HTTP status, or 0 when it did not answer
         * @param nanos how long the call took
         */
        default void ended(Object token, String operation, int status, long nanos) {
        }
    }

    private final LraIds ids;
    private final StartCoordinators starts;
    private final CoordinatorTransport transport;
    private final CoordinatorProtocol protocol;
    private final LostStarts lostStarts;
    private final RetriedEnds retriedEnds;
    private final StartFailover failover;

    public CoordinatorClient(Vertx vertx, LraIds ids, CoordinatorClientOptions options) {
        this(vertx, ids, options, CallObserver.NONE);
    }

    public CoordinatorClient(Vertx vertx, LraIds ids, CoordinatorClientOptions options, CallObserver observer) {
        this(vertx, ids, StartCoordinators.roundRobin(ids.startOn()), options, observer);
    }

    /**
     * @param starts where new top-level LRAs start; their ids must belong to coordinators {@code ids} trusts
     */
    public CoordinatorClient(Vertx vertx, LraIds ids, StartCoordinators starts, CoordinatorClientOptions options,
            CallObserver observer) {
        this.ids = ids;
        this.starts = starts;
        this.transport = new CoordinatorTransport(vertx, options, observer);
        this.protocol = new CoordinatorProtocol(transport, ids);
        this.lostStarts = new LostStarts(transport, protocol);
        this.retriedEnds = new RetriedEnds(transport, protocol);
        this.failover = new StartFailover(protocol, starts, lostStarts, retriedEnds, options);
    }

    /** The trusted coordinators and the rules for ids. */
    public LraIds ids() {
        return ids;
    }

    /**
     * Starts an LRA: a nested one on its parent's coordinator, a top-level one where {@link StartCoordinators} chooses
     * (round-robin over the configured ones by default), failing over to another coordinator when that one fails.
     *
     * @param clientId a name for the LRA (what started it)
     * @param timeLimitMillis 0 for none
     * @param parent the parent LRA of a nested one, or null
     */
    public CompletionStage<URI> start(String clientId, long timeLimitMillis, URI parent) {
        return failover.start(clientId, timeLimitMillis, parent);
    }

    /**
     * Starts an LRA as {@link #start} does and joins a participant to it. When the join fails the LRA is cancelled;
     * when its coordinator did not answer the join and another coordinator exists, a top-level LRA is started again
     * there, once.
     *
     * @param link the participant's {@code Link} header for the new LRA's id, or null to join nobody
     */
    public CompletionStage<Enlistment> begin(String clientId, long timeLimitMillis, URI parent,
            Function<URI, String> link) {
        return failover.begin(clientId, timeLimitMillis, parent, link);
    }

    /**
     * Enlists a participant.
     *
     * @return the participant's recovery URL, or null when the coordinator gave none
     */
    public CompletionStage<URI> join(URI lra, long timeLimitMillis, String linkHeader) {
        return protocol.join(lra, timeLimitMillis, linkHeader).toCompletionStage();
    }

    /** Closes an LRA; completes with its status as the coordinator reports it. */
    public CompletionStage<String> close(URI lra) {
        return end(lra, LraEnd.CLOSE);
    }

    /** Cancels an LRA; completes with its status as the coordinator reports it. */
    public CompletionStage<String> cancel(URI lra) {
        return end(lra, LraEnd.CANCEL);
    }

    /** Closes or cancels an LRA; completes with its status as the coordinator reports it. */
    public CompletionStage<String> end(URI lra, LraEnd end) {
        return protocol.end(lra, end).toCompletionStage();
    }

    /**
     * Closes or cancels an LRA as {@link #end} does; when its coordinator cannot be reached the end is retried in the
     * background until it answers, and the failure returned says so ({@link #retried}).
     */
    public CompletionStage<String> endOrRetry(URI lra, LraEnd end) {
        return protocol.end(lra, end).recover(t -> {
            if (Failures.unreachable(t) && retriedEnds.add(lra, end)) {
                CoordinatorException e = (CoordinatorException) t;
                return Future.failedFuture(new Retried(e, end));
            }
            return Future.failedFuture(t);
        }).toCompletionStage();
    }

    /** Whether a failure of {@link #endOrRetry} means the end goes on being retried. */
    public static boolean retried(Throwable t) {
        return Failures.cause(t) instanceof Retried;
    }

    /** An end that failed for now and goes on being retried. */
    private static final class Retried extends CoordinatorException {
        Retried(CoordinatorException e, LraEnd end) {
            super(e.status(), e.answered(), e.getMessage() + " (it will be " + end.done()
                    + " as soon as its coordinator answers)", e.getCause());
        }
    }

    /** The status of an LRA; {@code null} when the coordinator no longer knows it (finished and forgotten). */
    public CompletionStage<LRAStatus> status(URI lra) {
        return protocol.status(lra).toCompletionStage();
    }

    /** Sets an LRA's time limit anew, counted from now ({@code 0}: none); the coordinator only lets it grow. */
    public CompletionStage<Void> renew(URI lra, long timeLimitMillis) {
        return protocol.renew(lra, timeLimitMillis).toCompletionStage();
    }

    /** Removes a participant from an LRA; the participant is named by its compensate (or after) URL. */
    public CompletionStage<Void> leave(URI lra, String participantUrl) {
        return protocol.leave(lra, participantUrl).toCompletionStage();
    }

    /** Whether a new LRA could start on another coordinator than a failed one. */
    public boolean canStartElsewhere() {
        return failover.several();
    }

    /**
     * Whether the coordinators new LRAs start on answer: asks each for the status of an LRA that does not exist, which
     * a working coordinator answers at once with 404.
     *
     * @return for each coordinator, null when it answered below 500, else what went wrong
     */
    public CompletionStage<Map<URI, String>> reachability() {
        return starts.all().thenCompose(all -> {
            List<Future<String>> probes = new ArrayList<>(all.size());
            for (URI c : all) {
                probes.add(protocol.ping(c));
            }
            return Future.join(probes).<Map<URI, String>> map(v -> {
                Map<URI, String> ordered = new LinkedHashMap<>();
                for (int i = 0; i < all.size(); i++) {
                    ordered.put(all.get(i), probes.get(i).result());
                }
                return ordered;
            }).toCompletionStage();
        });
    }

    /** How many starts whose answer was lost are still being looked for. */
    int lostStarts() {
        return lostStarts.count();
    }

    /** How many ends wait for their coordinator. */
    int retriedEnds() {
        return retriedEnds.pending();
    }

    CoordinatorTransport transport() {
        return transport;
    }

    @Override
    public void close() {
        transport.close();
    }
}
