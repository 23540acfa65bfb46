package org.lraext.it.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.lraext.test.JavaService;

/**
 * The sample saga's processes for one test class: the project's coordinator and the packaged trip, flight and hotel
 * services, each its own JVM on a free loopback port. A service can be killed with SIGKILL and started again on the
 * same port with the same options ({@link JavaService}). Everything it started, and only that, is stopped by
 * {@link #close()}. Services started inside {@link #together} start side by side.
 */
final class Cluster implements AutoCloseable {

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Path logs;
    private final List<JavaService> services = new ArrayList<>();
    private final ExecutorService starters = Executors.newCachedThreadPool();
    /** Inside {@link #together}: the starts under way. */
    private List<CompletableFuture<Void>> starting;

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

    JavaService coordinator(Path objectStore) {
        return coordinator("coordinator", objectStore);
    }

    /** A coordinator with its object store in a directory: the journal store (the default); options added. */
    JavaService coordinator(String name, Path objectStore, String... options) {
        List<String> all = new ArrayList<>(List.of(options));
        all.add(0, "-Dquarkus.transaction-manager.object-store.directory=" + objectStore);
        return coordinatorWith(name, all.toArray(String[]::new));
    }

    /** A coordinator with its object store in a directory, one file per record (the crash-safe file store). */
    JavaService coordinatorWithRecordFiles(String name, Path objectStore) {
        return coordinatorWith(name, "-Dquarkus.transaction-manager.object-store.directory=" + objectStore,
                "-Dlra.coordinator.journal=false");
    }

    /** A coordinator whose object store is in a PostgreSQL database (Narayana's JDBC store). */
    JavaService coordinatorOnDatabase(String name, String jdbcUrl) {
        return coordinatorWith(name, "-Dquarkus.transaction-manager.object-store.type=jdbc",
                "-Dquarkus.datasource.jdbc.url=" + jdbcUrl, "-Dquarkus.datasource.username=" + Postgres.USER);
    }

    private JavaService coordinatorWith(String name, String... store) {
        List<String> options = new ArrayList<>(List.of(store));
        // INFO: the coordinator's recovery messages are what one reads after a failed run
        options.add("-Dquarkus.log.level=INFO");
        options.add("-Dlra.coordinator.parent-pid=" + ProcessHandle.current().pid());
        // a recovery pass as soon as a test asks for one: Narayana otherwise waits 10 s between its two passes, which
        // only made the tests wait (what recovery does is the same)
        options.add("-DRecoveryEnvironmentBean.recoveryBackoffPeriod=1");
        return start(name, "sample.coordinator.jar", "/lra-coordinator", options.toArray(String[]::new));
    }

    JavaService start(String name, String jarProperty, String readyPath, String... options) {
        List<String> all = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-Dquarkus.log.level=WARN"));
        all.addAll(List.of(options));
        JavaService s = new JavaService(name, JavaService.jar(jarProperty), freePort(), readyPath, all, logs);
        services.add(s);
        if (starting != null) {
            starting.add(CompletableFuture.runAsync(s::start, starters));
            return s;
        }
        return s.start();
    }

    /**
     * Runs {@code block} with the services it starts starting side by side rather than one after the other (their
     * ports, so their URLs, are known at once), and returns once every one of them answers; fails as the first one
     * that did not start.
     */
    void together(Runnable block) {
        starting = new ArrayList<>();
        RuntimeException failed = null;
        try {
            block.run();
        } catch (RuntimeException e) {
            failed = e;
        }
        // every start already under way is waited for, also when the block failed: close() then stops what it started
        for (CompletableFuture<Void> start : starting) {
            try {
                start.join();
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
                if (failed == null) {
                    failed = cause;
                } else {
                    failed.addSuppressed(cause);
                }
            }
        }
        starting = null;
        if (failed != null) {
            throw failed;
        }
    }

    @Override
    public void close() {
        try {
            // side by side as well: each waits for its own JVM to exit
            CompletableFuture.allOf(services.stream().map(s -> CompletableFuture.runAsync(s::stop, starters))
                    .toArray(CompletableFuture[]::new)).join();
        } finally {
            starters.shutdown();
        }
    }

    /** A loopback port nothing listens on, below the kernel's ephemeral range ({@link JavaService#freePort()}). */
    static int freePort() {
        return JavaService.freePort();
    }

    static void sleep(long millis) {
        JavaService.sleep(millis);
    }
}
