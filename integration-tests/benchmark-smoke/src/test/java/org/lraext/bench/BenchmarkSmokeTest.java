package org.lraext.bench;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.lraext.quarkus.test.LraTesting;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The benchmark's scenarios, small and bounded, as a correctness check in CI: every LRA ends, each request's
 * participant gets exactly one @Complete, nothing is left on the coordinator, and descriptors and threads do not grow.
 * It measures no speed.
 */
@QuarkusTest
class BenchmarkSmokeTest {

    private static final int CLIENTS = 8;
    /** One client for the whole test: its keep-alive connections are reused by every batch. */
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ConfigProperty(name = "quarkus.http.test-port", defaultValue = "8081")
    int port;

    /** Sends {@code count} POSTs to the path from {@code CLIENTS} threads; returns how many answered 200. */
    private int load(String path, int count) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build();
        AtomicInteger remaining = new AtomicInteger(count);
        AtomicInteger ok = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                workers.add(pool.submit(() -> {
                    while (remaining.getAndDecrement() > 0) {
                        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) {
                            ok.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return ok.get();
    }

    private static long[] counts() {
        String[] parts = given().get("/bench/counts").asString().trim().split(" ");
        return new long[] { Long.parseLong(parts[0]), Long.parseLong(parts[1]) };
    }

    private static long descriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    @Test
    void everyLraClosesOnceWithoutGrowth() throws Exception {
        // warm-up: opens the connection pools and worker threads that steady load needs
        assertEquals(200, load("/bench/single", 200), "warm-up: every request succeeds");
        assertEquals(100, load("/bench/chain", 100), "warm-up: every request succeeds");
        long[] start = counts();

        int single = load("/bench/single", 600);
        int chain = load("/bench/chain", 200);
        long fds = descriptors();
        int threads = Thread.activeCount();
        int single2 = load("/bench/single", 600);
        int chain2 = load("/bench/chain", 200);
        long[] end = counts();

        System.out.printf("benchmark smoke: %d single + %d chain LRAs, completions %d, compensations %d,"
                + " between the two halves descriptors %d -> %d, threads %d -> %d%n", single + single2, chain + chain2,
                end[0] - start[0], end[1] - start[1], fds, descriptors(), threads, Thread.activeCount());
        assertEquals(1200, single + single2, "every single-scenario request succeeds");
        assertEquals(400, chain + chain2, "every chain-scenario request succeeds");
        // both hops of the chain are this application's one participant: it is enlisted once per LRA
        assertEquals(1600, end[0] - start[0], "exactly one @Complete per LRA");
        assertEquals(0, end[1] - start[1], "no @Compensate");
        assertEquals(0, LraTesting.coordinator().active().size(), "no LRA left on the coordinator");
        assertTrue(descriptors() - fds <= 16, "descriptors stay flat: " + fds + " -> " + descriptors());
        assertTrue(Thread.activeCount() - threads <= 8, "threads stay flat: " + threads + " -> " + Thread.activeCount());
    }
}
