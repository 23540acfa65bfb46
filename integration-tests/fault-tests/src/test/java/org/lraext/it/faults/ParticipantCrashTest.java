package org.lraext.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.lraext.test.JavaService;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scenario 2: the flight service is killed with SIGKILL after it joined LRAs and before they end. The LRAs are
 * closed or cancelled while it is down; once it is back (same port, same database file) the coordinator's recovery
 * delivers the pending @Complete / @Compensate, exactly once each, and the bookings end right.
 */
class ParticipantCrashTest {

    static final int LRAS = 20;

    static Cluster cluster;
    static Http http;
    static Http.Coordinator coordinator;
    static JavaService flight;

    @BeforeAll
    static void start() {
        cluster = new Cluster("participant-crash");
        http = new Http(cluster.http);
        cluster.together(() -> {
            JavaService c = cluster.coordinator(cluster.directory("object-store"));
            String coordinatorUrl = c.url() + "/lra-coordinator";
            coordinator = http.new Coordinator(coordinatorUrl);
            String db = cluster.directory("flight-db").resolve("flights").toString();
            flight = cluster.start("flight", "sample.flight.jar", "/flights", "-Dquarkus.lra.coordinator-url=" + coordinatorUrl,
                    // a database that survives the crash, as a real service's would
                    "-Dquarkus.datasource.jdbc.url=jdbc:h2:file:" + db + ";DB_CLOSE_DELAY=-1;WRITE_DELAY=0",
                    "-Dquarkus.hibernate-orm.schema-management.strategy=update");
        });
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void pendingCallbacksAreDeliveredAfterTheRestart() {
        List<String> lras = new ArrayList<>();
        for (int i = 0; i < LRAS; i++) {
            String lra = coordinator.start("crash-test");
            HttpResponse<String> joined = http.send("POST", flight.url() + "/flights",
                    Http.json(Map.of("flightNumber", "LX" + i, "passenger", "p" + i)), Http.LRA, lra);
            assertEquals(200, joined.statusCode(), joined.body());
            lras.add(lra);
        }
        flight.kill();

        // half closed, half cancelled while the participant is down: the coordinator cannot reach it
        for (int i = 0; i < LRAS; i++) {
            int answer = i % 2 == 0 ? coordinator.close(lras.get(i)) : coordinator.cancel(lras.get(i));
            assertTrue(answer == 200 || answer == 202, "close/cancel answered " + answer);
        }
        long pending = lras.stream().map(coordinator::status)
                .filter(s -> s.equals("Closing") || s.equals("Cancelling")).count();

        flight.start();
        long recovering = System.nanoTime();
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            coordinator.recover();
            return lras.stream().allMatch(l -> coordinator.status(l).equals("gone"));
        });
        double seconds = (System.nanoTime() - recovering) / 1e9;

        List<String> problems = new ArrayList<>();
        for (int i = 0; i < LRAS; i++) {
            List<Map<String, Object>> rows = http.rows(flight.url() + "/flights?lra=" + java.net.URLEncoder.encode(
                    lras.get(i), java.nio.charset.StandardCharsets.UTF_8));
            boolean closed = i % 2 == 0;
            Map<String, Object> expected = Map.of("state", closed ? "CONFIRMED" : "CANCELLED",
                    "completions", closed ? 1 : 0, "compensations", closed ? 0 : 1);
            if (rows.size() != 1 || !rows.get(0).entrySet().containsAll(expected.entrySet())) {
                problems.add(lras.get(i) + ": expected " + expected + ", got " + rows);
            }
        }
        System.out.printf("[participant-crash] %d LRAs joined, participant killed with SIGKILL, %d closed + %d cancelled"
                + " while it was down (%d pending at the coordinator), restarted: all finished %.1f s after the restart,"
                + " problems: %d%n", LRAS, LRAS / 2, LRAS / 2, pending, seconds, problems.size());
        assertEquals(LRAS, pending, "the coordinator kept every LRA it could not finish");
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }
}
