package org.lraext.lra.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lraext.lra.protocol.LraIds;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/**
 * The parts behind the coordinator client's face: the restart of an LRA whose join failed (failover), ends retried
 * while a coordinator is unreachable, and connections pooled per event loop (transport). Two coordinators on one
 * scripted server, told apart by path.
 */
class FailoverAndTransportTest {

    private Vertx vertx;
    private HttpServer server;
    private String first;
    private String second;
    private final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
    private volatile Consumer<HttpServerRequest> script;
    private CoordinatorClient client;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(req -> {
            seen.add(req.method() + " " + req.path());
            script.accept(req);
        });
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        first = "http://127.0.0.1:" + server.actualPort() + "/first";
        second = "http://127.0.0.1:" + server.actualPort() + "/second";
        client = new CoordinatorClient(vertx, new LraIds(List.of(first, second), List.of()),
                new CoordinatorClientOptions(Duration.ofSeconds(1), Duration.ofSeconds(1), 8, Duration.ofSeconds(20)));
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Throwable failure(CompletionStage<?> stage) {
        return assertThrows(ExecutionException.class, () -> stage.toCompletableFuture().get(10, TimeUnit.SECONDS))
                .getCause();
    }

    /** Starts answer with an id of the coordinator asked; the rest as {@code others} says. */
    private void coordinators(Consumer<HttpServerRequest> others) {
        AtomicInteger ids = new AtomicInteger();
        script = req -> {
            String coordinator = req.path().startsWith("/first") ? first : second;
            if (req.path().endsWith("/start")) {
                req.response().setStatusCode(201).putHeader("Location", coordinator + "/0_" + ids.incrementAndGet())
                        .end();
            } else {
                others.accept(req);
            }
        };
    }

    private static boolean isJoin(HttpServerRequest req) {
        return req.method().name().equals("PUT") && !req.path().endsWith("/close") && !req.path().endsWith("/cancel");
    }

    @Test
    void anLraWhoseJoinGotNoAnswerStartsAgainOnTheOtherCoordinator() throws Exception {
        coordinators(req -> {
            if (isJoin(req) && req.path().startsWith("/first")) {
                req.connection().close(); // the first coordinator dies between the start and the join
            } else if (isJoin(req)) {
                req.response().putHeader("Long-Running-Action-Recovery", second + "/recovery/1").end();
            } else {
                req.response().end("Cancelled");
            }
        });
        Enlistment begun = await(client.begin("Trip#book", 0, null, lra -> "<http://p/compensate?lra=" + lra
                + ">; rel=\"compensate\""));
        assertTrue(begun.lra().toString().startsWith(second), begun.toString());
        assertTrue(begun.joined());
        assertEquals(URI.create(second + "/recovery/1"), begun.recovery());
        // the first LRA is not left behind: it is cancelled (meanwhile the request goes on in the second one)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (seen.stream().noneMatch(s -> s.startsWith("PUT /first/") && s.endsWith("/cancel"))
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(seen.stream().anyMatch(s -> s.startsWith("PUT /first/") && s.endsWith("/cancel")), seen::toString);
        assertEquals(2, seen.stream().filter(s -> s.endsWith("/start")).count(), seen::toString);
    }

    @Test
    void aRefusedJoinCancelsTheNewLraAndIsNotRestarted() throws Exception {
        coordinators(req -> {
            if (isJoin(req)) {
                req.response().setStatusCode(412).end("not active");
            } else {
                req.response().end("Cancelled");
            }
        });
        CoordinatorException e = assertInstanceOf(CoordinatorException.class,
                failure(client.begin("Trip#book", 0, null, lra -> "<http://p/c>; rel=\"compensate\"")));
        assertEquals(412, e.status());
        assertEquals(1, seen.stream().filter(s -> s.endsWith("/start")).count(), seen::toString);
        assertTrue(seen.stream().anyMatch(s -> s.endsWith("/cancel")), "the LRA started for the join is cancelled: "
                + seen);
    }

    @Test
    void nobodyToJoinIsAPlainStart() throws Exception {
        coordinators(req -> req.response().setStatusCode(500).end());
        Enlistment begun = await(client.begin("x", 0, null, null));
        assertFalse(begun.joined());
        assertEquals(1, seen.size(), seen::toString);
    }

    @Test
    void anEndTheCoordinatorCannotTakeIsRetriedUntilItAnswers() throws Exception {
        AtomicInteger refusals = new AtomicInteger(2);
        coordinators(req -> {
            if (refusals.getAndDecrement() > 0) {
                req.response().setStatusCode(503).end("starting");
            } else {
                req.response().end("Closed");
            }
        });
        URI lra = URI.create(first + "/0_9");
        Throwable t = failure(client.endOrRetry(lra, LraEnd.CLOSE));
        assertTrue(CoordinatorClient.retried(t), String.valueOf(t));
        assertTrue(t.getMessage().endsWith("(it will be closed as soon as its coordinator answers)"), t.getMessage());
        assertEquals(1, client.retriedEnds());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
        while (client.retriedEnds() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(0, client.retriedEnds(), "retried until it answered: " + seen);
        assertEquals(3, seen.stream().filter(s -> s.equals("PUT /first/0_9/close")).count(), seen::toString);
        // an answer that is not "unreachable" is not retried
        refusals.set(0);
        script = req -> req.response().setStatusCode(404).end();
        Throwable gone = failure(client.endOrRetry(lra, LraEnd.CANCEL));
        assertFalse(CoordinatorClient.retried(gone));
        assertEquals(412, assertInstanceOf(CoordinatorException.class, gone).status());
        assertEquals(0, client.retriedEnds());
    }

    @Test
    void callsOnAnEventLoopUseThatLoopsPoolAndAnswerOnIt() throws Exception {
        script = req -> req.response().end("Active");
        URI lra = URI.create(first + "/0_1");
        for (int round = 0; round < 2; round++) {
            for (int c = 0; c < 4; c++) {
                Context context = vertx.getOrCreateContext();
                CompletableFuture<Boolean> sameThread = new CompletableFuture<>();
                context.runOnContext(v -> {
                    Thread caller = Thread.currentThread();
                    client.status(lra).whenComplete((s, t) -> sameThread.complete(t == null
                            && Thread.currentThread() == caller));
                });
                assertTrue(sameThread.get(10, TimeUnit.SECONDS), "the answer came back on the caller's event loop");
            }
        }
        int loops = client.transport().loopPools();
        assertTrue(loops >= 1 && loops <= 2 * Runtime.getRuntime().availableProcessors(), "one pool per event loop: "
                + loops);
        // off any Vert.x thread: the shared pool, no new one
        await(client.status(lra));
        assertEquals(loops, client.transport().loopPools());
    }

    @Test
    void aWorkerThreadSendsFromItsContextsEventLoop() throws Exception {
        // answered a little later: the worker thread has attached its callback by then (an answer that came back
        // before would run the callback on the worker thread that attaches it, whatever thread completed the call)
        script = req -> vertx.setTimer(200, id -> req.response().end("Active"));
        URI lra = URI.create(first + "/0_1");
        Context context = vertx.getOrCreateContext();
        CompletableFuture<Thread> loop = new CompletableFuture<>();
        context.runOnContext(v -> loop.complete(Thread.currentThread()));
        CompletableFuture<Thread> answeredOn = new CompletableFuture<>();
        context.executeBlocking(() -> {
            assertFalse(Context.isOnEventLoopThread());
            client.status(lra).whenComplete((s, t) -> answeredOn.complete(Thread.currentThread()));
            return null;
        });
        assertSame(loop.get(10, TimeUnit.SECONDS), answeredOn.get(10, TimeUnit.SECONDS));
        assertEquals(1, client.transport().loopPools());
    }
}
