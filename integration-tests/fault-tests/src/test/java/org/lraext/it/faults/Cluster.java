package org.lraext.it.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The sample saga's processes for one test class: the project's coordinator and the packaged trip, flight and hotel
 * services, each its own JVM on a free loopback port. A service can be killed with SIGKILL and started again on the
 * same port with the same options. Everything it started, and only that, is stopped by {@link #close()}.
 */
final class Cluster implements AutoCloseable {

    /** One process of the cluster and how to start it again. */
    final class Service {
        final String name;
        final int port;
        private final Path jar;
        private final List<String> options;
        private final String readyPath;
        private Process process;
        private int starts;

        private Service(String name, Path jar, int port, String readyPath, List<String> options) {
            this.name = name;
            this.jar = jar;
            this.port = port;
            this.readyPath = readyPath;
            this.options = List.copyOf(options);
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        long pid() {
            return process.pid();
        }

        private void launch() {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx256m");
            command.add("-XX:TieredStopAtLevel=1");
            command.add("-Dquarkus.http.port=" + port);
            command.add("-Dquarkus.http.host=127.0.0.1");
            command.add("-Dquarkus.log.level=WARN");
            command.addAll(options);
            command.add("-jar");
            command.add(jar.toString());
            starts++;
            Path log = logs.resolve(name + "-" + starts + ".log");
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start " + name, e);
            }
            awaitReady(log);
        }

        private void awaitReady(Path log) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited early; see " + log.toAbsolutePath());
                }
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url() + readyPath))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                sleep(100);
            }
            throw new IllegalStateException(name + " did not answer at " + url() + readyPath + " within 90 s; see "
                    + log.toAbsolutePath());
        }

        /** What the process printed in its latest start. */
        String log() {
            try {
                return Files.readString(logs.resolve(name + "-" + starts + ".log"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** SIGKILL: no shutdown hook runs, nothing is flushed, as in a crash. */
        void kill() {
            process.destroyForcibly();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException(name + " (pid " + process.pid() + ") survived SIGKILL for 30 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Starts it again on the same port with the same options, and waits until it answers. */
        void restart() {
            launch();
        }

        /** Open file descriptors of the process, from /proc. */
        int fileDescriptors() {
            try (var files = Files.list(Path.of("/proc", String.valueOf(process.pid()), "fd"))) {
                return (int) files.count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Threads of the process, from /proc. */
        int threads() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                    if (line.startsWith("Threads:")) {
                        return Integer.parseInt(line.substring(8).trim());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new IllegalStateException("no thread count for " + name);
        }

        private void stop() {
            if (process == null || !process.isAlive()) {
                return;
            }
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Path logs;
    private final List<Service> services = new ArrayList<>();

    Cluster(String testName) {
        this.logs = Path.of("target", "fault-logs", testName);
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A directory of this test's own, e.g. for an object store or a database file; emptied first. */
    Path directory(String name) {
        Path dir = logs.resolve(name).toAbsolutePath();
        try {
            if (Files.exists(dir)) {
                try (var paths = Files.walk(dir)) {
                    for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    Service coordinator(Path objectStore) {
        return coordinator("coordinator", objectStore);
    }

    /** A coordinator with its object store in a directory: the journal store (the default); options added. */
    Service coordinator(String name, Path objectStore, String... options) {
        List<String> all = new ArrayList<>(List.of(options));
        all.add(0, "-Dquarkus.transaction-manager.object-store.directory=" + objectStore);
        return coordinatorWith(name, all.toArray(String[]::new));
    }

    /** A coordinator with its object store in a directory, one file per record (the crash-safe file store). */
    Service coordinatorWithRecordFiles(String name, Path objectStore) {
        return coordinatorWith(name, "-Dquarkus.transaction-manager.object-store.directory=" + objectStore,
                "-Dlra.coordinator.journal=false");
    }

    /** A coordinator whose object store is in a PostgreSQL database (Narayana's JDBC store). */
    Service coordinatorOnDatabase(String name, String jdbcUrl) {
        return coordinatorWith(name, "-Dquarkus.transaction-manager.object-store.type=jdbc",
                "-Dquarkus.datasource.jdbc.url=" + jdbcUrl, "-Dquarkus.datasource.username=" + Postgres.USER);
    }

    private Service coordinatorWith(String name, String... store) {
        List<String> options = new ArrayList<>(List.of(store));
        // INFO: the coordinator's recovery messages are what one reads after a failed run
        options.add("-Dquarkus.log.level=INFO");
        options.add("-Dlra.coordinator.parent-pid=" + ProcessHandle.current().pid());
        return start(name, "sample.coordinator.jar", "/lra-coordinator", options.toArray(String[]::new));
    }

    Service start(String name, String jarProperty, String readyPath, String... options) {
        Service s = new Service(name, jar(jarProperty), freePort(), readyPath, List.of(options));
        services.add(s);
        s.launch();
        return s;
    }

    @Override
    public void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).stop();
        }
    }

    private static Path jar(String property) {
        String value = System.getProperty(property);
        if (value == null || !Files.isRegularFile(Path.of(value))) {
            throw new IllegalStateException("System property " + property + " must name a built jar (run the tests"
                    + " through Maven from the project root), got " + value);
        }
        return Path.of(value);
    }

    /**
     * A loopback port nothing listens on, below the kernel's ephemeral range. Ports in that range (what
     * {@code new ServerSocket(0)} hands out) are also the local ports of outgoing connections, and the coordinators and
     * services here open many: one could take a port between the moment it was chosen and its service binding it.
     */
    static int freePort() {
        int ephemeralLow = 32768;
        // (read line by line: Files.readString trusts the size /proc reports, and reads too little)
        try (var range = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            ephemeralLow = Integer.parseInt(range.readLine().trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            // not Linux: the usual range
        }
        int from = 10_000;
        if (ephemeralLow - from >= 1_000) {
            for (int attempt = 0; attempt < 1_000; attempt++) {
                int port = from + ThreadLocalRandom.current().nextInt(ephemeralLow - from);
                try (ServerSocket s = new ServerSocket()) {
                    s.bind(new InetSocketAddress("127.0.0.1", port));
                    return port;
                } catch (IOException e) {
                    // in use: another
                }
            }
        }
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
