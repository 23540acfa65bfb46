package org.lraext.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * Scenario 3: the coordinator is killed with SIGKILL while it holds LRAs that are Active and LRAs that are Closing or
 * Cancelling. Meanwhile participants answer new LRA requests with a clear 503 within their connect timeout and keep
 * serving everything else. Restarted on the same object store, the coordinator finishes every one of them.
 */
class CoordinatorCrashTest {

    static final int PER_GROUP = 10;

    static Cluster cluster;
    static Http http;
    static Http.Coordinator coordinator;
    static JavaService coordinatorProcess;
    static JavaService flight;
    static JavaService hotel;

    @BeforeAll
    static void start() {
        cluster = new Cluster("coordinator-crash");
        http = new Http(cluster.http);
        cluster.together(() -> {
            coordinatorProcess = cluster.coordinator(cluster.directory("object-store"));
            String coordinatorUrl = coordinatorProcess.url() + "/lra-coordinator";
            coordinator = http.new Coordinator(coordinatorUrl);
            hotel = cluster.start("hotel", "sample.hotel.jar", "/hotels", "-Dquarkus.lra.coordinator-url=" + coordinatorUrl,
                    "-Dquarkus.lra.coordinator.connect-timeout=1s", "-Dquarkus.lra.coordinator.request-timeout=3s");
            String db = cluster.directory("flight-db").resolve("flights").toString();
            flight = cluster.start("flight", "sample.flight.jar", "/flights", "-Dquarkus.lra.coordinator-url=" + coordinatorUrl,
                    "-Dquarkus.rest-client.hotel.url=" + hotel.url(),
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

    private static String joinedLra(int i) {
        String lra = coordinator.start("coordinator-crash");
        HttpResponse<String> f = http.send("POST", flight.url() + "/flights",
                Http.json(Map.of("flightNumber", "LX" + i, "passenger", "p" + i)), Http.LRA, lra);
        HttpResponse<String> h = http.send("POST", hotel.url() + "/hotels",
                Http.json(Map.of("hotel", "Grand Hotel", "nights", 2)), Http.LRA, lra);
        assertEquals(200, f.statusCode(), f.body());
        assertEquals(200, h.statusCode(), h.body());
        return lra;
    }

    private static Map<String, Object> row(JavaService s, String path, String lra) {
        List<Map<String, Object>> rows = http.rows(s.url() + path + "?lra=" + URLEncoder.encode(lra, StandardCharsets.UTF_8));
        return rows.size() == 1 ? rows.get(0) : Map.of("rows", rows);
    }

    private static void expect(List<String> problems, String lra, boolean closed) {
        Map<String, Object> f = row(flight, "/flights", lra);
        Map<String, Object> h = row(hotel, "/hotels", lra);
        if (!(closed ? "CONFIRMED" : "CANCELLED").equals(f.get("state")) || !Integer.valueOf(1).equals(
                closed ? f.get("completions") : f.get("compensations"))) {
            problems.add("flight " + lra + " " + (closed ? "closed" : "cancelled") + ": " + f);
        }
        if (!(closed ? "BOOKED" : "RELEASED").equals(h.get("state")) || !Integer.valueOf(1).equals(
                closed ? h.get("completions") : h.get("compensations"))) {
            problems.add("hotel " + lra + " " + (closed ? "closed" : "cancelled") + ": " + h);
        }
    }

    @Test
    void everyLraFinishesAfterTheCoordinatorRestarts() {
        List<String> active = new ArrayList<>();
        List<String> closing = new ArrayList<>();
        List<String> cancelling = new ArrayList<>();
        for (int i = 0; i < PER_GROUP; i++) {
            active.add(joinedLra(i));
            closing.add(joinedLra(100 + i));
            cancelling.add(joinedLra(200 + i));
        }
        // with the flight service down, closing and cancelling cannot finish: the coordinator holds them
        flight.kill();
        closing.forEach(coordinator::close);
        cancelling.forEach(coordinator::cancel);
        long held = closing.stream().filter(l -> coordinator.status(l).equals("Closing")).count()
                + cancelling.stream().filter(l -> coordinator.status(l).equals("Cancelling")).count();
        assertEquals(2 * PER_GROUP, held, "Closing and Cancelling LRAs before the crash");

        coordinatorProcess.kill();

        // the coordinator is gone: new LRA work gets a clear 503 within the connect timeout, other requests are served
        long t0 = System.nanoTime();
        HttpResponse<String> refused = http.send("POST", hotel.url() + "/hotels",
                Http.json(Map.of("hotel", "Grand Hotel", "nights", 1)), Http.LRA, active.get(0));
        long refusedMillis = (System.nanoTime() - t0) / 1_000_000;
        t0 = System.nanoTime();
        HttpResponse<String> served = http.send("GET", hotel.url() + "/hotels?lra=none", null);
        long servedMillis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(503, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("coordinator"), refused.body());
        assertTrue(refusedMillis < 3000, "503 after " + refusedMillis + " ms (connect timeout 1 s)");
        assertEquals(200, served.statusCode());

        coordinatorProcess.start();
        flight.start();
        long restarted = System.nanoTime();
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            coordinator.recover();
            return closing.stream().allMatch(l -> coordinator.status(l).equals("gone"))
                    && cancelling.stream().allMatch(l -> coordinator.status(l).equals("gone"));
        });
        double recoveredIn = (System.nanoTime() - restarted) / 1e9;
        List<String> activeAfter = active.stream().map(coordinator::status).toList();
        System.out.println("[coordinator-crash] the LRAs that were Active, after the restart: " + activeAfter);
        // the LRAs that were active are still active and can be ended as usual
        for (int i = 0; i < PER_GROUP; i++) {
            int answer = i % 2 == 0 ? coordinator.close(active.get(i)) : coordinator.cancel(active.get(i));
            assertEquals(200, answer, "ending an LRA that was active before the crash");
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> active.stream().allMatch(l -> coordinator.status(l).equals("gone")));

        List<String> problems = new ArrayList<>();
        closing.forEach(l -> expect(problems, l, true));
        cancelling.forEach(l -> expect(problems, l, false));
        for (int i = 0; i < PER_GROUP; i++) {
            expect(problems, active.get(i), i % 2 == 0);
        }
        System.out.printf("[coordinator-crash] killed with %d Active, %d Closing, %d Cancelling LRAs; while down: new"
                + " LRA work answered %d in %d ms (\"%s\"), other requests %d in %d ms; after the restart Closing and"
                + " Cancelling finished in %.1f s, the Active ones were %s and ended on request; problems: %d%n",
                PER_GROUP, PER_GROUP, PER_GROUP, refused.statusCode(), refusedMillis, refused.body(), served.statusCode(),
                servedMillis, recoveredIn, activeAfter.stream().distinct().toList(), problems.size());
        assertTrue(activeAfter.stream().allMatch("Active"::equals), () -> "after the restart: " + activeAfter);
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
        assertEquals(0, coordinator.count("Active") + coordinator.count("Closing") + coordinator.count("Cancelling"));
        // what survived the kill was in the default store, the journal
        assertTrue(coordinatorProcess.log().contains("Object store: journal ("), "the coordinator used another store");
    }
}
