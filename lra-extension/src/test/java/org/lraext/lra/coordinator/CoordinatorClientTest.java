package org.lraext.lra.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lraext.lra.protocol.LraIds;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/**
 * The coordinator client against a scripted coordinator on loopback.
 */
class CoordinatorClientTest {

    private Vertx vertx;
    private HttpServer server;
    private String base;
    private final AtomicInteger connections = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
    private volatile java.util.function.Consumer<HttpServerRequest> script;
    private CoordinatorClient client;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().connectionHandler(c -> connections.incrementAndGet()).requestHandler(req -> {
            seen.add(req.method() + " " + req.uri() + (req.getHeader("Link") == null ? "" : " Link=" + req.getHeader("Link")));
            script.accept(req);
        });
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        base = "http://127.0.0.1:" + server.actualPort() + "/lra-coordinator";
        client = client(base, Duration.ofSeconds(2));
    }

    private CoordinatorClient client(String coordinator, Duration requestTimeout) {
        return new CoordinatorClient(vertx, new LraIds(List.of(coordinator)),
                new CoordinatorClientOptions(Duration.ofSeconds(1), requestTimeout, 8, Duration.ofSeconds(20)));
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A loopback port nothing listens on. */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static <T> T await(java.util.concurrent.CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static CoordinatorException failure(java.util.concurrent.CompletionStage<?> stage) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> stage.toCompletableFuture().get(10, TimeUnit.SECONDS));
        return assertInstanceOf(CoordinatorException.class, e.getCause());
    }

    @Test
    void requestTargetsAreThoseVertxParsesFromTheUrl() {
        for (String url : List.of("http://127.0.0.1:50000/lra-coordinator/0_1/close",
                "http://localhost:50000/lra-coordinator/start?ClientID=a%3Bstart%3D1&TimeLimit=0",
                "https://coord.example/lra/0_1", "http://coord.example/lra", "HTTP://Coord.Example:8080/x/0_1",
                "http://[::1]:50000/lra-coordinator/0_1/status", "http://localhost:50000?Status=Active",
                "http://localhost:50000", "https://[::1]/lra#frag", "http://127.0.0.1:50000/lra-coordinator/0_1")) {
            for (int twice = 0; twice < 2; twice++) { // the second time from the remembered origin
                io.vertx.core.http.RequestOptions ours = client.transport().target(new io.vertx.core.http.RequestOptions(), url);
                io.vertx.core.http.RequestOptions vertxs = new io.vertx.core.http.RequestOptions().setAbsoluteURI(url);
                assertEquals(List.of(vertxs.isSsl(), vertxs.getHost(), vertxs.getPort(), vertxs.getURI()),
                        List.of(ours.isSsl(), ours.getHost(), ours.getPort(), ours.getURI()), url);
            }
        }
        assertThrows(RuntimeException.class, () -> client.transport().target(new io.vertx.core.http.RequestOptions(), "ftp://x/y"));
    }

    @Test
    void startReturnsTheLocation() throws Exception {
        script = req -> req.response().setStatusCode(201).putHeader("Location", base + "/0_42").end(base + "/0_42");
        URI lra = await(client.start("Trip#book", 5000, null));
        assertEquals(URI.create(base + "/0_42"), lra);
        String sent = seen.poll();
        assertTrue(sent.matches("POST /lra-coordinator/start\\?ClientID=Trip%23book%3Bstart%3D[0-9a-f]{16}&TimeLimit=5000"),
                sent);
    }

    @Test
    void nestedStartNamesTheParent() throws Exception {
        script = req -> req.response().setStatusCode(201).putHeader("Location", base + "/0_2").end();
        await(client.start("x", 0, URI.create(base + "/0_1")));
        assertTrue(seen.poll().endsWith("&ParentLRA=" + java.net.URLEncoder.encode(base + "/0_1", "UTF-8")));
    }

    @Test
    void joinSendsTheLinkAndReturnsTheRecoveryUrl() throws Exception {
        script = req -> req.response().setStatusCode(200).putHeader("Long-Running-Action-Recovery", base + "/recovery/1/2")
                .end(base + "/recovery/1/2");
        URI recovery = await(client.join(URI.create(base + "/0_1"), 0, "<http://p/compensate>; rel=\"compensate\""));
        assertEquals(URI.create(base + "/recovery/1/2"), recovery);
        assertEquals("PUT /lra-coordinator/0_1?TimeLimit=0 Link=<http://p/compensate>; rel=\"compensate\"", seen.poll());
    }

    @Test
    void joinOfAnUnknownLraIs410AndOfAnEndedOne412() {
        script = req -> req.response().setStatusCode(404).end();
        assertEquals(410, failure(client.join(URI.create(base + "/0_1"), 0, "<x>; rel=\"compensate\"")).status());
        script = req -> req.response().setStatusCode(412).end();
        assertEquals(412, failure(client.join(URI.create(base + "/0_1"), 0, "<x>; rel=\"compensate\"")).status());
    }

    @Test
    void closeCancelStatusAndLeave() throws Exception {
        script = req -> {
            switch (req.path()) {
                case "/lra-coordinator/0_1/close" -> req.response().end("Closed");
                case "/lra-coordinator/0_1/cancel" -> req.response().end("Cancelled");
                case "/lra-coordinator/0_1/status" -> req.response().end("Closing");
                case "/lra-coordinator/0_2/status" -> req.response().setStatusCode(404).end();
                case "/lra-coordinator/0_1/remove" -> req.body().onSuccess(b -> req.response()
                        .setStatusCode(b.toString().contains("rel=\"compensate\"") ? 200 : 400).end());
                default -> req.response().setStatusCode(500).end();
            }
        };
        URI lra = URI.create(base + "/0_1");
        assertEquals("Closed", await(client.close(lra)));
        assertEquals("Cancelled", await(client.cancel(lra)));
        assertEquals(LRAStatus.Closing, await(client.status(lra)));
        assertNull(await(client.status(URI.create(base + "/0_2"))), "404: finished and forgotten");
        await(client.leave(lra, "<http://p/compensate>; rel=\"compensate\""));
    }

    @Test
    void closeOfAnEndedLraIs412() {
        script = req -> req.response().setStatusCode(412).end("not active");
        assertEquals(412, failure(client.close(URI.create(base + "/0_1"))).status());
    }

    @Test
    void coordinatorErrorsAre503WithTheAnswer() {
        script = req -> req.response().setStatusCode(500).end("store failure");
        CoordinatorException e = failure(client.start("x", 0, null));
        assertEquals(503, e.status());
        assertTrue(e.getMessage().contains("500") && e.getMessage().contains("store failure"), e.getMessage());
    }

    @Test
    void unreachableCoordinatorIs503() throws Exception {
        int closedPort = closedPort();
        CoordinatorClient down = client("http://127.0.0.1:" + closedPort + "/lra-coordinator", Duration.ofSeconds(2));
        CoordinatorException e = failure(down.start("x", 0, null));
        assertEquals(503, e.status());
        assertTrue(e.getMessage().contains("unavailable"), e.getMessage());
        down.close();
    }

    @Test
    void startsAreSpreadAndADeadCoordinatorIsSkipped() throws Exception {
        int closedPort = closedPort();
        String dead = "http://127.0.0.1:" + closedPort + "/lra-coordinator";
        // the live one answers with its own id; both are start coordinators
        script = req -> req.response().setStatusCode(201).putHeader("Location", base + "/0_" + seen.size()).end();
        CoordinatorClient two = new CoordinatorClient(vertx, new LraIds(List.of(dead, base), List.of()),
                new CoordinatorClientOptions(Duration.ofSeconds(1), Duration.ofSeconds(2), 8, Duration.ofSeconds(20)));
        for (int i = 0; i < 6; i++) {
            URI lra = await(two.start("x", 0, null));
            assertTrue(lra.toString().startsWith(base), lra.toString());
        }
        assertEquals(6, seen.size(), "every start reached the live coordinator, none failed");
        two.close();
    }

    @Test
    void allStartCoordinatorsDownIs503() throws Exception {
        List<String> dead = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            dead.add("http://127.0.0.1:" + closedPort() + "/lra-coordinator");
        }
        CoordinatorClient none = new CoordinatorClient(vertx, new LraIds(dead, List.of()),
                new CoordinatorClientOptions(Duration.ofSeconds(1), Duration.ofSeconds(2), 8, Duration.ofSeconds(20)));
        CoordinatorException e = failure(none.start("x", 0, null));
        assertEquals(503, e.status());
        none.close();
    }

    @Test
    void roundRobinOverLiveCoordinators() throws Exception {
        // two start coordinators on one scripted server, told apart by path
        String other = base.replace("/lra-coordinator", "/other-coordinator");
        script = req -> {
            String prefix = req.path().startsWith("/other") ? other : base;
            req.response().setStatusCode(201).putHeader("Location", prefix + "/0_" + seen.size()).end();
        };
        CoordinatorClient two = new CoordinatorClient(vertx, new LraIds(List.of(base, other), List.of()),
                new CoordinatorClientOptions(Duration.ofSeconds(1), Duration.ofSeconds(2), 8, Duration.ofSeconds(20)));
        int onOther = 0;
        for (int i = 0; i < 10; i++) {
            if (await(two.start("x", 0, null)).toString().startsWith(other)) {
                onOther++;
            }
        }
        assertEquals(5, onOther, "alternating");
        two.close();
    }

    @Test
    void silentCoordinatorIs503AfterTheRequestTimeout() throws Exception {
        script = req -> {
            // never answers
        };
        CoordinatorClient impatient = client(base, Duration.ofMillis(300));
        long started = System.nanoTime();
        CoordinatorException e = failure(impatient.start("x", 0, null));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals(503, e.status());
        assertTrue(millis < 5000, "gave up after " + millis + " ms");
        impatient.close();
    }

    @Test
    void callsReuseKeepAliveConnections() throws Exception {
        script = req -> req.response().end("Active");
        URI lra = URI.create(base + "/0_1");
        for (int i = 0; i < 200; i++) {
            assertEquals(LRAStatus.Active, await(client.status(lra)));
        }
        // a connection goes back to the pool just after its response completes, so the next call may open a second
        assertTrue(connections.get() <= 2, "200 sequential calls share pooled connections: " + connections.get());
        CompletableFuture<?>[] parallel = new CompletableFuture<?>[100];
        for (int i = 0; i < parallel.length; i++) {
            parallel[i] = client.status(lra).toCompletableFuture();
        }
        CompletableFuture.allOf(parallel).get(10, TimeUnit.SECONDS);
        assertTrue(connections.get() <= 8, "concurrent calls stay within the pool: " + connections.get());
    }

    @Test
    void untrustedLraIsNeverContacted() throws IOException {
        script = req -> req.response().end();
        URI evil = URI.create("http://127.0.0.1:1/evil/0_1");
        // every operation fails its stage (it never throws) with 403, before any connection
        for (CompletableFuture<?> call : List.of(client.close(evil).toCompletableFuture(),
                client.join(evil, 0, "<x>; rel=\"compensate\"").toCompletableFuture(),
                client.status(evil).toCompletableFuture(), client.leave(evil, "x").toCompletableFuture(),
                client.start("x", 0, evil).toCompletableFuture())) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(5, TimeUnit.SECONDS));
            assertEquals(403, assertInstanceOf(CoordinatorException.class, e.getCause()).status());
        }
        assertEquals(0, connections.get());
        assertTrue(seen.isEmpty(), seen::toString);
    }

    @Test
    void anLraWhoseStartAnswerWasLostIsFoundAndCancelled() throws Exception {
        java.util.concurrent.atomic.AtomicReference<String> sentClientId = new java.util.concurrent.atomic.AtomicReference<>();
        String orphan = base + "/0_orphan";
        script = req -> {
            if (req.method().name().equals("POST") && req.path().endsWith("/start")) {
                // the coordinator creates the LRA, then the connection drops before the answer
                sentClientId.set(req.getParam("ClientID"));
                req.connection().close();
            } else if (req.method().name().equals("GET") && "Active".equals(req.getParam("Status"))) {
                req.response().putHeader("Content-Type", "application/json").end("[{\"lraId\":\"" + base
                        + "/0_other\",\"clientId\":\"Other#call;start=0\",\"status\":\"Active\"},{\"lraId\":\""
                        + orphan + "\",\"clientId\":\"" + sentClientId.get() + "\",\"status\":\"Active\"}]");
            } else {
                req.response().end("Cancelled");
            }
        };
        CoordinatorException e = failure(client.start("Trip#book", 0, null));
        assertEquals(503, e.status());
        assertTrue(sentClientId.get().matches("Trip#book;start=[0-9a-f]{16}"), sentClientId.get());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (seen.stream().noneMatch(r -> r.startsWith("PUT")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(seen.contains("PUT /lra-coordinator/0_orphan/cancel"), "the orphan was cancelled: " + seen);
        assertTrue(seen.stream().noneMatch(r -> r.contains("0_other")), "nothing else was touched: " + seen);
    }

    @Test
    void aStartRefusedBeforeItWasSentLeavesNothingToLookFor() throws Exception {
        int closedPort = closedPort();
        String dead = "http://127.0.0.1:" + closedPort + "/lra-coordinator";
        CoordinatorClient down = client(dead, Duration.ofSeconds(2));
        assertEquals(503, failure(down.start("x", 0, null)).status());
        assertEquals(0, down.lostStarts(), "connection refused: the coordinator never got the start");
        down.close();
    }

    @Test
    void aStrategyChoosesAndLearnsHowItsChoiceWent() throws Exception {
        int closedPort = closedPort();
        URI dead = URI.create("http://127.0.0.1:" + closedPort + "/lra-coordinator");
        URI live = URI.create(base);
        script = req -> req.response().setStatusCode(201).putHeader("Location", base + "/0_" + seen.size()).end();
        ConcurrentLinkedQueue<String> told = new ConcurrentLinkedQueue<>();
        StartCoordinators strategy = new StartCoordinators() {
            @Override
            public java.util.concurrent.CompletionStage<List<URI>> next() {
                return CompletableFuture.completedFuture(List.of(dead, live)); // always prefers the dead one
            }

            @Override
            public java.util.concurrent.CompletionStage<List<URI>> all() {
                return CompletableFuture.completedFuture(List.of(dead, live));
            }

            @Override
            public void started(URI coordinator, Throwable failure) {
                told.add(coordinator.getPort() + (failure == null ? " ok" : " failed"));
            }
        };
        CoordinatorClient chosen = new CoordinatorClient(vertx, new LraIds(List.of(base), List.of(dead.toString())),
                strategy, new CoordinatorClientOptions(Duration.ofSeconds(1), Duration.ofSeconds(2), 8,
                        Duration.ofSeconds(20)), CoordinatorClient.CallObserver.NONE);
        assertTrue(await(chosen.start("x", 0, null)).toString().startsWith(base));
        assertEquals(List.of(closedPort + " failed"), List.copyOf(told), "told about its own choice only");
        // the dead one is now skipped without a try: the start goes to the live one, the strategy hears of its choice
        assertTrue(await(chosen.start("x", 0, null)).toString().startsWith(base));
        assertEquals(2, seen.size());
        assertEquals(List.of(closedPort + " failed", closedPort + " failed"), List.copyOf(told));

        java.util.Map<URI, String> reach = await(chosen.reachability());
        assertEquals(List.of(dead, live), List.copyOf(reach.keySet()));
        assertTrue(reach.get(dead) != null && reach.get(dead).contains("unavailable"), reach.toString());
        assertNull(reach.get(live));
        chosen.close();
    }

    @Test
    void theShareOfADeadCoordinatorIsSpreadOverTheLiveOnes() throws Exception {
        String dead = "http://127.0.0.1:" + closedPort() + "/lra-coordinator";
        String other = base.replace("/lra-coordinator", "/other-coordinator");
        script = req -> {
            String prefix = req.path().startsWith("/other") ? other : base;
            req.response().setStatusCode(201).putHeader("Location", prefix + "/0_" + seen.size()).end();
        };
        // the dead one sits between the two live ones: plain "next in the list" would give its turns to one of them
        CoordinatorClient three = new CoordinatorClient(vertx, new LraIds(List.of(base, dead, other), List.of()),
                new CoordinatorClientOptions(Duration.ofSeconds(1), Duration.ofSeconds(2), 8, Duration.ofSeconds(20)));
        int onOther = 0;
        int starts = 300;
        for (int i = 0; i < starts; i++) {
            if (await(three.start("x", 0, null)).toString().startsWith(other)) {
                onOther++;
            }
        }
        // expected 150 each; the dead one's 100 turns are split at random, so 120 to 180 is far beyond chance
        assertTrue(onOther >= 120 && onOther <= 180, "starts on the second live coordinator: " + onOther + " of " + starts);
        three.close();
    }
}
