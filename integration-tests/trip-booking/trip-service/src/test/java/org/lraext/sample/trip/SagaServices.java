package org.lraext.sample.trip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Runs the rest of the saga for the trip service's tests: the project's coordinator and the flight and hotel
 * services, each as its own JVM on a free loopback port, built earlier in the same Maven run.
 */
public class SagaServices implements QuarkusTestResourceLifecycleManager {

    private final List<Process> processes = new ArrayList<>();

    @Override
    public Map<String, String> start() {
        Path logs = Path.of("target", "saga-logs");
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int coordinatorPort = freePort();
        int flightPort = freePort();
        int hotelPort = freePort();
        String coordinator = "http://localhost:" + coordinatorPort + "/lra-coordinator";
        String hotel = "http://localhost:" + hotelPort;
        String flight = "http://localhost:" + flightPort;

        launch("coordinator", jar("sample.coordinator.jar"), logs, coordinatorPort,
                "-Dquarkus.transaction-manager.object-store.directory=" + logs.toAbsolutePath().resolve("object-store"),
                "-Dlra.coordinator.parent-pid=" + ProcessHandle.current().pid());
        awaitReady(coordinator, "coordinator", logs);
        launch("hotel", jar("sample.hotel.jar"), logs, hotelPort, "-Dquarkus.lra.coordinator-url=" + coordinator);
        launch("flight", jar("sample.flight.jar"), logs, flightPort, "-Dquarkus.lra.coordinator-url=" + coordinator,
                "-Dquarkus.rest-client.hotel.url=" + hotel);
        awaitReady(hotel + "/hotels", "hotel", logs);
        awaitReady(flight + "/flights", "flight", logs);
        return Map.of("quarkus.lra.coordinator-url", coordinator,
                "quarkus.rest-client.flight.url", flight,
                "quarkus.rest-client.hotel.url", hotel);
    }

    @Override
    public void stop() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
    }

    private void launch(String name, Path jar, Path logs, int port, String... options) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.addAll(List.of(options));
        command.add("-jar");
        command.add(jar.toString());
        try {
            processes.add(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(logs.resolve(name + ".log").toFile()).start());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the " + name + " service", e);
        }
    }

    private static Path jar(String property) {
        String value = System.getProperty(property);
        if (value == null || !Files.isRegularFile(Path.of(value))) {
            throw new IllegalStateException("System property " + property + " must name a built jar (run the tests through"
                    + " Maven from the project root), got " + value);
        }
        return Path.of(value);
    }

    private void awaitReady(String url, String name, Path logs) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("A saga service exited early; see " + logs.toAbsolutePath());
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("The " + name + " service did not answer at " + url + " within 60 s; see "
                + logs.toAbsolutePath().resolve(name + ".log"));
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
