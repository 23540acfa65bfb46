package org.lraext.quarkus.runtime;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.eclipse.microprofile.lra.annotation.LRAStatus;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;

/**
 * LRAs from code: start, end, inspect and renew them, join and leave participants, and run code inside one, wherever
 * the code runs (a Kafka consumer, a scheduled job, a gRPC call, a JAX-RS method without {@code @LRA}). Inject it:
 * {@code @Inject LraClient lra;}.
 * <p>
 * It gives the guarantees the annotations give: only LRAs of trusted coordinators are touched (any other id fails
 * with a {@link org.lraext.lra.coordinator.CoordinatorException} of status 403 before any call), new LRAs start with
 * the same failover over the configured coordinators, closes and cancels that cannot reach their coordinator are
 * retried in the background, and every call is counted, traced and recorded in the dev / test journal as the
 * annotations' are.
 * <p>
 * The {@code Uni} methods never block; subscribe to them anywhere, the event loop included. The {@code ...AndAwait}
 * methods block their thread until the coordinator answered (at most the configured request timeout per call): call
 * them on worker threads only, never on the event loop (they refuse with {@link IllegalStateException}). Failures
 * are {@link org.lraext.lra.coordinator.CoordinatorException}s whose {@code status()} says what happened (503 the
 * coordinator cannot be reached, 412 / 410 the LRA is not active, 403 untrusted); wrong arguments fail with
 * {@link IllegalArgumentException} before any call.
 */
public interface LraClient {

    /**
     * Starts a top-level LRA on one of the configured coordinators.
     *
     * @param clientId a name for the LRA (the coordinator lists it), e.g. what started it
     * @param timeLimit after which the coordinator cancels it; {@link Duration#ZERO} for none
     * @return its id
     */
    Uni<URI> start(String clientId, Duration timeLimit);

    /**
     * Starts an LRA nested in {@code parent}, on the parent's coordinator: it closes or compensates with its parent
     * (MicroProfile LRA, nested LRAs).
     */
    Uni<URI> startNested(URI parent, String clientId, Duration timeLimit);

    /**
     * Closes an LRA: its participants' {@code @Complete} methods are called.
     *
     * @return its status as the coordinator reported it ({@link LRAStatus#Closing} when it reported none). When the
     *         coordinator cannot be reached the close is retried in the background and the failure says so:
     *         {@link org.lraext.lra.coordinator.CoordinatorClient#retried(Throwable)} is then true; do not end the LRA
     *         again in that case
     */
    Uni<LRAStatus> close(URI lra);

    /**
     * Cancels an LRA: its participants' {@code @Compensate} methods are called.
     *
     * @return its status as the coordinator reported it ({@link LRAStatus#Cancelling} when it reported none); retried
     *         as {@link #close} is
     */
    Uni<LRAStatus> cancel(URI lra);

    /** An LRA's status; empty when its coordinator no longer knows it (it ended and was forgotten). */
    Uni<Optional<LRAStatus>> status(URI lra);

    /**
     * Gives an active LRA a new time limit, counted from now; it must be positive (the coordinator ignores 0).
     * Narayana's coordinator only lets a limit grow.
     */
    Uni<Void> renewTimeLimit(URI lra, Duration timeLimit);

    /**
     * Joins a participant to an LRA: a JAX-RS participant class of this application, or a bean whose participant
     * methods are plain ({@code @Compensate}, {@code @Complete}, {@code @Status}, {@code @Forget}, {@code @AfterLRA}
     * methods that are not JAX-RS methods; the coordinator calls them through the extension's proxy). The callback
     * URLs are under {@code quarkus.lra.base-uri} when set, else the current request's base URI, else this
     * application's local HTTP address ({@code http://localhost:<port>/<root path>}, right for dev mode and tests;
     * set {@code base-uri} in production, and when the application has a REST path of its own). {@link #leave} names
     * the participant by the same URLs, so leave under the same base you joined under.
     *
     * @param participant the class; one the build found to be a participant, else {@link IllegalArgumentException}
     * @return the participant's recovery URL, or null when the coordinator gave none
     */
    default Uni<URI> join(URI lra, Class<?> participant) {
        return join(lra, participant, Duration.ZERO);
    }

    /**
     * Joins a participant as {@link #join(URI, Class)} does, with a time limit for the participant: the coordinator
     * cancels the LRA when the participant has not finished within it ({@link Duration#ZERO}: none).
     */
    Uni<URI> join(URI lra, Class<?> participant, Duration timeLimit);

    /** Removes a participant, joined as {@link #join} does, from an active LRA. */
    Uni<Void> leave(URI lra, Class<?> participant);

    /**
     * The LRA the current request runs in: the one an {@code @LRA} method runs in, or the one given to
     * {@link #runIn} / {@link #callIn}.
     */
    Optional<URI> current();

    /**
     * Runs non-blocking code inside an LRA: the outgoing REST Client calls it makes carry it, and {@link #current()}
     * returns it. The supplier is called, and its {@code Uni} subscribed, on a new duplicated Vert.x context (an event
     * loop): it must not block; for blocking code use {@link #callIn}. The result is delivered back on the caller's
     * context, where the LRA is not the current one; cancelling the returned {@code Uni} cancels the work's. The new
     * context starts empty: the caller's trace context and MDC do not follow into the block.
     *
     * @param lra an LRA of a trusted coordinator
     */
    <T> Uni<T> runIn(URI lra, Supplier<Uni<T>> work);

    /**
     * Runs blocking code inside an LRA, on this thread when it runs on a duplicated Vert.x context (a request handled
     * on a worker thread, say: the LRA is the current one until the code returns, then the previous one is again),
     * else on a Vert.x worker thread while this one waits. Never on the event loop.
     *
     * @param lra an LRA of a trusted coordinator
     * @return what the code returned; what it threw is thrown
     */
    <T> T callIn(URI lra, Callable<T> work) throws Exception;

    /** {@link #start} and wait. */
    default URI startAndAwait(String clientId, Duration timeLimit) {
        return await(start(clientId, timeLimit));
    }

    /** {@link #startNested} and wait. */
    default URI startNestedAndAwait(URI parent, String clientId, Duration timeLimit) {
        return await(startNested(parent, clientId, timeLimit));
    }

    /** {@link #close} and wait. */
    default LRAStatus closeAndAwait(URI lra) {
        return await(close(lra));
    }

    /** {@link #cancel} and wait. */
    default LRAStatus cancelAndAwait(URI lra) {
        return await(cancel(lra));
    }

    /** {@link #status} and wait. */
    default Optional<LRAStatus> statusAndAwait(URI lra) {
        return await(status(lra));
    }

    /** {@link #renewTimeLimit} and wait. */
    default void renewTimeLimitAndAwait(URI lra, Duration timeLimit) {
        await(renewTimeLimit(lra, timeLimit));
    }

    /** {@link #join(URI, Class)} and wait. */
    default URI joinAndAwait(URI lra, Class<?> participant) {
        return await(join(lra, participant));
    }

    /** {@link #join(URI, Class, Duration)} and wait. */
    default URI joinAndAwait(URI lra, Class<?> participant, Duration timeLimit) {
        return await(join(lra, participant, timeLimit));
    }

    /** {@link #leave} and wait. */
    default void leaveAndAwait(URI lra, Class<?> participant) {
        await(leave(lra, participant));
    }

    private static <T> T await(Uni<T> uni) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("LraClient's ...AndAwait methods block, and this is an event loop thread ("
                    + Thread.currentThread().getName() + "); use the method that returns a Uni, or run on a worker"
                    + " thread (@Blocking)");
        }
        // every call is bounded by the coordinator client's request timeout
        return uni.await().indefinitely();
    }
}
