package org.lraext.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.lraext.test.JavaService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scenario 1: 10,000 trips at 16 concurrent clients, one in five refused by the hotel (business failure). Every LRA
 * ends Closed or Cancelled, every service got exactly the callbacks the protocol promises, a repeated delivery does
 * not run the business code twice, the databases agree with the outcomes, and no resource grows.
 */
class LoadWithFailuresTest {

    static final int LRAS = Integer.getInteger("fault.load.lras", 10_000);
    static final int CLIENTS = 16;
    static final int WARM_UP = 400;

    static Cluster cluster;
    static Http http;
    static Http.Coordinator coordinator;
    static JavaService trip;
    static JavaService flight;
    static JavaService hotel;

    @BeforeAll
    static void start() {
        cluster = new Cluster("load");
        http = new Http(cluster.http);
        cluster.together(() -> {
            JavaService c = cluster.coordinator(cluster.directory("object-store"));
            String coordinatorUrl = c.url() + "/lra-coordinator";
            coordinator = http.new Coordinator(coordinatorUrl);
            hotel = cluster.start("hotel", "sample.hotel.jar", "/hotels", "-Dquarkus.lra.coordinator-url=" + coordinatorUrl);
            flight = cluster.start("flight", "sample.flight.jar", "/flights",
                    "-Dquarkus.lra.coordinator-url=" + coordinatorUrl, "-Dquarkus.rest-client.hotel.url=" + hotel.url());
            trip = cluster.start("trip", "sample.trip.jar", "/trips", "-Dquarkus.lra.coordinator-url=" + coordinatorUrl,
                    "-Dquarkus.rest-client.flight.url=" + flight.url(), "-Dquarkus.rest-client.hotel.url=" + hotel.url());
        });
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Runs trips {@code from..to-1} at 16 clients; every fifth is refused by the hotel. */
    private static void run(int from, int to, Map<String, Boolean> outcomes, List<String> unexpected) {
        AtomicInteger next = new AtomicInteger(from);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            clients.execute(() -> {
                for (int i = next.getAndIncrement(); i < to; i = next.getAndIncrement()) {
                    boolean refused = i % 5 == 0;
                    String body = Http.json(Map.of("passenger", "p" + i, "flightNumber", "LX" + (i % 100),
                            "hotel", refused ? "Full House" : "Grand Hotel", "nights", 1 + i % 7));
                    try {
                        HttpResponse<String> r = http.send("POST", trip.url() + "/trips", body);
                        String lra = r.headers().firstValue(Http.LRA).orElse(null);
                        if (lra != null && r.statusCode() == (refused ? 409 : 201)) {
                            outcomes.put(lra, !refused);
                        } else {
                            unexpected.add("trip " + i + ": " + r.statusCode() + " " + r.body() + " (LRA " + lra + ")");
                        }
                    } catch (RuntimeException e) {
                        unexpected.add("trip " + i + ": " + e);
                    }
                }
            });
        }
        clients.shutdown();
        try {
            assertTrue(clients.awaitTermination(20, TimeUnit.MINUTES), "the load did not finish in 20 minutes");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Map<String, Object>> byLra(String url) {
        return http.rows(url).stream().collect(Collectors.toMap(r -> (String) r.get("lraId"), Function.identity()));
    }

    private static void check(List<String> problems, String service, Map<String, Object> row, String lra, String state,
            int completions, int compensations) {
        if (row == null) {
            problems.add(service + ": no row for " + lra);
        } else if (!state.equals(row.get("state")) || !Integer.valueOf(completions).equals(row.get("completions"))
                || !Integer.valueOf(compensations).equals(row.get("compensations"))) {
            problems.add(service + ": " + lra + " expected " + state + " completions=" + completions + " compensations="
                    + compensations + ", got " + row);
        }
    }

    @Test
    void everyLraEndsAndEveryServiceAgrees() {
        Map<String, Boolean> outcomes = new ConcurrentHashMap<>();
        List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
        run(0, WARM_UP, outcomes, unexpected);
        int[] fdsBefore = { trip.fileDescriptors(), flight.fileDescriptors(), hotel.fileDescriptors() };
        int[] threadsBefore = { trip.threads(), flight.threads(), hotel.threads() };

        long started = System.nanoTime();
        run(WARM_UP, WARM_UP + LRAS, outcomes, unexpected);
        double seconds = (System.nanoTime() - started) / 1e9;

        // every LRA ended: the coordinator holds none (Narayana forgets an LRA once it has ended)
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(500))
                .until(() -> coordinator.count("Active") + coordinator.count("Closing")
                        + coordinator.count("Cancelling") == 0);
        int[] fdsAfter = { trip.fileDescriptors(), flight.fileDescriptors(), hotel.fileDescriptors() };
        int[] threadsAfter = { trip.threads(), flight.threads(), hotel.threads() };

        // callbacks for an LRA the services never joined change nothing
        String unknown = coordinator.base + "/0_ffff7f000001_unknown_1";
        for (String url : List.of(flight.url() + "/flights/compensate", hotel.url() + "/hotels/complete",
                trip.url() + "/trips/compensate")) {
            HttpResponse<String> r = http.send("PUT", url, "", Http.LRA, unknown);
            if (r.statusCode() != 200) {
                unexpected.add("callback for an unknown LRA at " + url + " answered " + r.statusCode() + " " + r.body());
            }
        }

        // the databases against the outcomes the clients saw
        Map<String, Map<String, Object>> trips = byLra(trip.url() + "/trips");
        Map<String, Map<String, Object>> flights = byLra(flight.url() + "/flights");
        Map<String, Map<String, Object>> hotels = byLra(hotel.url() + "/hotels");
        List<String> problems = new ArrayList<>(unexpected);
        if (trips.size() != outcomes.size() || flights.size() != outcomes.size() || hotels.size() != outcomes.size()) {
            problems.add("rows trip/flight/hotel " + trips.size() + "/" + flights.size() + "/" + hotels.size() + " for "
                    + outcomes.size() + " LRAs");
        }
        outcomes.forEach((lra, closed) -> {
            check(problems, "trip", trips.get(lra), lra, closed ? "CONFIRMED" : "CANCELLED", closed ? 1 : 0, closed ? 0 : 1);
            check(problems, "flight", flights.get(lra), lra, closed ? "CONFIRMED" : "CANCELLED", closed ? 1 : 0,
                    closed ? 0 : 1);
            check(problems, "hotel", hotels.get(lra), lra, closed ? "BOOKED" : "RELEASED", closed ? 1 : 0, closed ? 0 : 1);
        });

        // at-least-once delivery: the same callback delivered again for 200 finished LRAs runs no business code. The
        // extension answers repeats of the last 10,000 answers from memory; older ones reach the services' own check
        List<String> sample = outcomes.keySet().stream().sorted().limit(200).toList();
        int repeated = 0;
        int fromMemory = 0;
        for (String lra : sample) {
            String callback = outcomes.get(lra) ? "complete" : "compensate";
            for (JavaService s : List.of(flight, hotel)) {
                String path = s == flight ? "/flights/" : "/hotels/";
                HttpResponse<String> r = http.send("PUT", s.url() + path + callback, "", Http.LRA, lra);
                if (r.statusCode() != 200) {
                    problems.add("repeated " + callback + " at " + s.name() + " for " + lra + " answered " + r.statusCode());
                }
                repeated++;
                if (r.headers().firstValue("LRA-Callback-Repeated").isPresent()) {
                    fromMemory++;
                }
            }
        }
        Map<String, Map<String, Object>> flightsAgain = byLra(flight.url() + "/flights");
        Map<String, Map<String, Object>> hotelsAgain = byLra(hotel.url() + "/hotels");
        for (String lra : sample) {
            boolean closed = outcomes.get(lra);
            check(problems, "flight after a repeated delivery", flightsAgain.get(lra), lra,
                    closed ? "CONFIRMED" : "CANCELLED", closed ? 1 : 0, closed ? 0 : 1);
            check(problems, "hotel after a repeated delivery", hotelsAgain.get(lra), lra, closed ? "BOOKED" : "RELEASED",
                    closed ? 1 : 0, closed ? 0 : 1);
        }

        long closedCount = outcomes.values().stream().filter(b -> b).count();
        System.out.printf("[load] %d LRAs (+%d warm-up) at %d clients in %.1f s (%.0f LRA/s): %d closed, %d cancelled"
                + " (business failures injected: %d), unexpected answers: %d, left Active/Closing/Cancelling: 0,"
                + " repeated deliveries: %d (%d answered from the extension's memory, the rest by the services' state"
                + " check), problems: %d%n", LRAS, WARM_UP, CLIENTS, seconds, LRAS / seconds, closedCount,
                outcomes.size() - closedCount, (LRAS + WARM_UP + 4) / 5, unexpected.size(), repeated, fromMemory,
                problems.size());
        System.out.printf("[load] descriptors trip/flight/hotel before %d/%d/%d after %d/%d/%d; threads before %d/%d/%d"
                + " after %d/%d/%d%n", fdsBefore[0], fdsBefore[1], fdsBefore[2], fdsAfter[0], fdsAfter[1], fdsAfter[2],
                threadsBefore[0], threadsBefore[1], threadsBefore[2], threadsAfter[0], threadsAfter[1], threadsAfter[2]);

        assertTrue(problems.isEmpty(), () -> problems.size() + " problems, first 20:\n"
                + String.join("\n", problems.subList(0, Math.min(20, problems.size()))));
        assertEquals(LRAS + WARM_UP, outcomes.size(), "one distinct LRA per trip");
        for (int i = 0; i < 3; i++) {
            assertTrue(fdsAfter[i] <= fdsBefore[i] + 20, "descriptors grew: " + fdsBefore[i] + " -> " + fdsAfter[i]);
            assertTrue(threadsAfter[i] <= threadsBefore[i] + 10, "threads grew: " + threadsBefore[i] + " -> "
                    + threadsAfter[i]);
        }
    }
}
