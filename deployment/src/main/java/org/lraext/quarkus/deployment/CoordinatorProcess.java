package org.lraext.quarkus.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.quarkus.deployment.builditem.Startable;

/**
 * The project's Narayana coordinator run as a child JVM for dev and test mode: no container, its own log file and
 * object store, ended with the application (and ending itself if the application's JVM dies).
 */
final class CoordinatorProcess implements Startable {

    private static final Logger LOG = Logger.getLogger(CoordinatorProcess.class);

    private final Path jar;
    private final int requestedPort;
    private final boolean shared;
    private final List<String> javaOptions;
    private final Duration startTimeout;
    /** TLS and JWTs for this coordinator, or null for an open one. */
    private final DevSecurity security;
    private HttpClient client;
    private Process process;
    /** The class-data-sharing archive it maps or records. */
    private CoordinatorArchive archive = CoordinatorArchive.none();
    private int port;
    private Path log;

    CoordinatorProcess(Path jar, int requestedPort, boolean shared, List<String> javaOptions, Duration startTimeout,
            DevSecurity security) {
        this.jar = jar;
        this.requestedPort = requestedPort;
        this.shared = shared && security == null;
        this.javaOptions = javaOptions;
        this.startTimeout = startTimeout;
        this.security = security;
    }

    /** Its certificate, keys and tokens, or null when it is open. */
    DevSecurity security() {
        return security;
    }

    @Override
    public void start() {
        port = requestedPort == 0 ? freePort() : requestedPort;
        client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        if (shared && answers(port)) {
            LOG.infof("Using the LRA coordinator already running at %s (shared by the applications in dev mode)", url());
            return;
        }
        Path dir;
        List<String> options = new ArrayList<>();
        try {
            dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "quarkus-lra-coordinator-" + port));
            log = dir.resolve("coordinator.log");
            // recovery's second pass 1 s after its first (Narayana: 10 s): GET /recovery runs both, and tests and
            // developers wait for it; the application's own options come after, so they can set it back
            options.add("-DRecoveryEnvironmentBean.recoveryBackoffPeriod=1");
            options.addAll(javaOptions);
            if (security != null) {
                options.addAll(security.prepare(dir));
                if (security.tls()) {
                    client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500))
                            .sslContext(security.sslContext()).build();
                }
            }
            options.add((security != null && security.tls() ? "-Dquarkus.http.ssl-port=" : "-Dquarkus.http.port=") + port);
            options.add("-Dquarkus.http.host=127.0.0.1");
            // (not "object-store": that name held record files before the journal became the default store)
            options.add("-Dquarkus.transaction-manager.object-store.directory=" + dir.resolve("lra-store"));
            options.add("-Dlra.coordinator.parent-pid=" + ProcessHandle.current().pid());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the LRA coordinator's directory", e);
        }
        archive = CoordinatorArchive.forJar(jar, javaOptions);
        launch(dir, options);
        if (!ready() && !archive.options().isEmpty()) {
            // should the archive be what stopped it (a JVM that refuses it), once more without
            LOG.debugf("The LRA coordinator exited with code %d with a class-data-sharing archive; starting it without",
                    process.exitValue());
            archive.exited(false);
            archive = CoordinatorArchive.none();
            launch(dir, options);
            if (!ready()) {
                throw new IllegalStateException("The LRA coordinator exited with code " + process.exitValue()
                        + " before it was ready; see its log " + log);
            }
        } else if (!process.isAlive()) {
            throw new IllegalStateException("The LRA coordinator exited with code " + process.exitValue()
                    + " before it was ready; see its log " + log);
        }
        LOG.infof("Dev Services for LRA started a Narayana coordinator at %s (pid %d, log %s)%s", url(), process.pid(), log,
                security == null ? "" : (security.tls() ? "; https only" : "")
                        + (security.jwt() ? "; JWTs wanted, the administrator's token in " + security.adminToken() : ""));
    }

    /** Starts the coordinator's JVM: its own options for a quick start, the archive's, then {@code options}. */
    private void launch(Path dir, List<String> options) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // a quick start rather than peak speed (the JIT's first tier only; the classes from a shared archive)
        if (CoordinatorArchive.hotSpot()) {
            command.add("-XX:TieredStopAtLevel=1");
        }
        command.addAll(archive.options());
        command.addAll(options);
        command.add("-jar");
        command.add(jar.toString());
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the LRA coordinator " + jar, e);
        }
    }

    /** Waits until the coordinator answers (true) or its process has exited (false); fails after the start timeout. */
    private boolean ready() {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (!answers(port)) {
            if (!process.isAlive()) {
                return false;
            }
            if (System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("The LRA coordinator did not answer on port " + port + " within "
                        + startTimeout + "; see its log " + log);
            }
            sleep(100);
        }
        return true;
    }

    String url() {
        return (security != null && security.tls() ? "https" : "http") + "://localhost:" + port + "/lra-coordinator";
    }

    @Override
    public String getConnectionInfo() {
        return url();
    }

    @Override
    public String getContainerId() {
        return null;
    }

    @Override
    public void close() {
        Process p = process;
        process = null;
        if (p == null) {
            return;
        }
        boolean forced = false;
        if (p.isAlive()) {
            p.destroy();
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    forced = true;
                    p.destroyForcibly();
                    p.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                forced = true;
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            LOG.infof("Stopped the LRA coordinator at %s", url());
        }
        if (!p.isAlive()) {
            archive.exited(!forced && CoordinatorArchive.exitedCleanly(p.exitValue()));
        }
    }

    /** Whether a coordinator answers there: 200, or 401 when it wants a token this check does not send. */
    private boolean answers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        } catch (IOException e) {
            return false;
        }
        boolean tls = security != null && security.tls();
        try {
            HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create((tls ? "https://localhost:" : "http://127.0.0.1:")
                    + port + "/lra-coordinator")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200 || security != null && security.jwt() && r.statusCode() == 401;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the LRA coordinator", e);
        }
    }
}
