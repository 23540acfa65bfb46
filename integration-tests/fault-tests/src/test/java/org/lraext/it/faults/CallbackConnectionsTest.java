package org.lraext.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.time.Duration;

import org.lraext.test.JavaService;
import org.awaitility.Awaitility;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/**
 * The packaged coordinator calls a participant back on kept-alive connections (Narayana alone opens a new
 * connection for every callback and closes it after the answer), closes them once idle for
 * {@code lra.coordinator.callback-keep-alive}, calls a participant restarted on the same port on new connections, and
 * goes back to a connection per callback when the keep-alive is 0.
 * The participant is a plain JDK HTTP server that records the client port of every complete callback.
 */
class CallbackConnectionsTest {

    static final int LRAS = 10;

    Cluster cluster;
    Http http;
    HttpServer participant;
    final List<String> completed = new CopyOnWriteArrayList<>();
    final List<Integer> ports = new CopyOnWriteArrayList<>();
    final AtomicBoolean hang = new AtomicBoolean();
    final ExecutorService executor = Executors.newCachedThreadPool();

    @BeforeEach
    void participant() throws IOException {
        participant(0);
    }

    private void participant(int port) throws IOException {
        participant = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        participant.setExecutor(executor);
        participant.createContext("/complete", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                if (hang.getAndSet(false)) {
                    Cluster.sleep(6_000); // longer than the coordinator waits for an answer
                    return;
                }
                completed.add(exchange.getRequestHeaders().getFirst(Http.LRA));
                ports.add(exchange.getRemoteAddress().getPort());
                body.readAllBytes();
                exchange.sendResponseHeaders(200, -1);
            } finally {
                exchange.close();
            }
        });
        participant.createContext("/compensate", exchange -> {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        participant.start();
    }

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
        participant.stop(0);
        executor.shutdownNow();
    }

    private Http.Coordinator coordinator(String name, String... options) {
        cluster = new Cluster(name);
        http = new Http(cluster.http);
        JavaService c = cluster.coordinator("coordinator", cluster.directory("object-store"), options);
        return http.new Coordinator(c.url() + "/lra-coordinator");
    }

    /** The participant's Link header for a join. */
    private String link() {
        String base = "http://127.0.0.1:" + participant.getAddress().getPort();
        return "<" + base + "/complete>; rel=\"complete\", <" + base + "/compensate>; rel=\"compensate\"";
    }

    /** Starts, joins and closes LRAs one after the other; the client ports their complete callbacks came from. */
    private List<Integer> closeInTurn(Http.Coordinator coordinator, int count) {
        String link = link();
        int before = ports.size();
        List<String> lras = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String lra = coordinator.start("callback-connections");
            HttpResponse<String> joined = coordinator.join(lra, link);
            assertEquals(200, joined.statusCode(), joined.body());
            assertEquals(200, coordinator.close(lra));
            lras.add(lra);
        }
        assertTrue(completed.containsAll(lras), "every LRA completed its participant: " + completed + " " + lras);
        for (String lra : lras) {
            assertEquals("gone", coordinator.status(lra), lra);
        }
        return List.copyOf(ports.subList(before, ports.size()));
    }

    @Test
    void callbacksShareAKeptAliveConnectionClosedWhenIdle() throws IOException {
        Http.Coordinator coordinator = coordinator("callback-connections", "-Dlra.coordinator.callback-keep-alive=2s");
        Set<Integer> first = new HashSet<>(closeInTurn(coordinator, LRAS));
        assertTrue(first.size() <= 2, LRAS + " callbacks in turn should reuse a connection, came from ports " + first);
        Cluster.sleep(4_000); // the keep-alive and a check for idle connections: the coordinator has closed it
        Set<Integer> second = new HashSet<>(closeInTurn(coordinator, LRAS));
        assertTrue(second.size() <= 2, "ports " + second);
        assertTrue(second.stream().noneMatch(first::contains),
                "a connection idle for longer than the keep-alive is not used again: " + first + " then " + second);
        assertEquals(2 * LRAS, ports.size());

        // the participant restarts on the same port: its old connections are gone, callbacks go on on new ones
        int port = participant.getAddress().getPort();
        participant.stop(0);
        participant(port);
        Set<Integer> third = new HashSet<>(closeInTurn(coordinator, LRAS));
        assertTrue(third.stream().noneMatch(second::contains), second + " then " + third);
        assertTrue(third.size() <= 2, "kept alive again: ports " + third);
    }

    @Test
    void aHungCallbackDoesNotHoldItsConnection() {
        // one connection per participant: the next callback gets it only if the hung one is abandoned in time
        Http.Coordinator coordinator = coordinator("callback-connections-hung", "-Dlra.coordinator.callback-connections=1");
        String link = link();
        String hung = coordinator.start("callback-connections");
        assertEquals(200, coordinator.join(hung, link).statusCode());
        hang.set(true);
        coordinator.close(hung); // Narayana waits 2 s for the answer, then leaves the LRA to its recovery
        assertTrue(completed.isEmpty(), "the hung callback has not answered: " + completed);

        List<Integer> next = closeInTurn(coordinator, 3); // completed and forgotten, each within Narayana's 2 s
        assertEquals(3, next.size());

        coordinator.recover(); // the hung LRA's callback is sent again and answered now
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            coordinator.recover();
            assertEquals("gone", coordinator.status(hung));
        });
        assertTrue(completed.contains(hung), "the hung LRA completed its participant in the end: " + completed);
    }

    @Test
    void aConnectionPerCallbackWhenKeepAliveIsZero() {
        Http.Coordinator coordinator = coordinator("callback-connections-off", "-Dlra.coordinator.callback-keep-alive=0");
        List<Integer> used = closeInTurn(coordinator, LRAS);
        assertEquals(LRAS, used.size());
        assertEquals(LRAS, new HashSet<>(used).size(), "one connection per callback: ports " + used);
    }
}
