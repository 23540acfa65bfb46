package org.lraext.quarkus.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
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
    private Process process;
    private int port;
    private Path log;

    CoordinatorProcess(Path jar, int requestedPort, boolean shared, List<String> javaOptions, Duration startTimeout) {
        this.jar = jar;
        this.requestedPort = requestedPort;
        this.shared = shared;
        this.javaOptions = javaOptions;
        this.startTimeout = startTimeout;
    }

    @Override
    public void start() {
        port = requestedPort == 0 ? freePort() : requestedPort;
        if (shared && answers(port)) {
            LOG.infof("Using the LRA coordinator already running at %s (shared by the applications in dev mode)", url());
            return;
        }
        try {
            Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "quarkus-lra-coordinator-" + port));
            log = dir.resolve("coordinator.log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(javaOptions);
            command.add("-Dquarkus.http.port=" + port);
            command.add("-Dquarkus.http.host=127.0.0.1");
            // (not "object-store": that name held record files before the journal became the default store)
            command.add("-Dquarkus.transaction-manager.object-store.directory=" + dir.resolve("lra-store"));
            command.add("-Dlra.coordinator.parent-pid=" + ProcessHandle.current().pid());
            command.add("-jar");
            command.add(jar.toString());
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the LRA coordinator " + jar, e);
        }
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (!answers(port)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The LRA coordinator exited with code " + process.exitValue()
                        + " before it was ready; see its log " + log);
            }
            if (System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("The LRA coordinator did not answer on port " + port + " within "
                        + startTimeout + "; see its log " + log);
            }
            sleep(100);
        }
        LOG.infof("Dev Services for LRA started a Narayana coordinator at %s (pid %d, log %s)", url(), process.pid(), log);
    }

    String url() {
        return "http://localhost:" + port + "/lra-coordinator";
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
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        LOG.infof("Stopped the LRA coordinator at %s", url());
    }

    private static boolean answers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        } catch (IOException e) {
            return false;
        }
        try {
            HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/lra-coordinator").openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            int code = c.getResponseCode();
            c.disconnect();
            return code == 200;
        } catch (IOException e) {
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
