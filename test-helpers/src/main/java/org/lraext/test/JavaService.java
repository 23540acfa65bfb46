package org.lraext.test;

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
 * A service the tests run as a process of its own, on a loopback port: a jar in a JVM ({@code java -jar}), or a native
 * executable. Started and waited for until it answers, stopped, killed with SIGKILL and started again on the same port
 * with the same options. Each start writes its own log ({@code <name>-<n>.log}). The one launcher the project's tests
 * share.
 */
public final class JavaService {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final String readyPath;
    private final List<String> options;
    private final Path logs;
    /** Serves https only (on {@link #port}); ready once it says it listens. */
    private final boolean tls;
    private Process process;
    private int starts;

    /**
     * @param readyPath the path that answers 200 once the service is up
     * @param jar the jar, or a native executable (a file whose name does not end with {@code .jar})
     * @param options system properties ({@code -D...}) and JVM options besides the port and host, which are set here
     * @param logs the directory the logs go to
     */
    public JavaService(String name, Path jar, int port, String readyPath, List<String> options, Path logs) {
        this(name, jar, port, readyPath, options, logs, false);
    }

    private JavaService(String name, Path jar, int port, String readyPath, List<String> options, Path logs,
            boolean tls) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.readyPath = readyPath;
        this.options = List.copyOf(options);
        this.logs = logs;
        this.tls = tls;
    }

    /**
     * The same service serving https only, on the same port (its TLS settings are among the options): plain HTTP is
     * not served at all, and it is ready once its log says it listens.
     */
    public JavaService httpsOnly() {
        return new JavaService(name, jar, port, readyPath, options, logs, true);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>} ({@code https://localhost:<port>} when it serves https only). */
    public String url() {
        return tls ? "https://localhost:" + port : "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    /**
     * The same service on the same port, under another name, without the options that start with {@code prefix}: to
     * start it again after a crash without a setting the crash needed.
     */
    public JavaService without(String prefix, String name) {
        return new JavaService(name, jar, port, readyPath, options.stream().filter(o -> !o.startsWith(prefix)).toList(),
                logs, tls);
    }

    /** Starts it (again: on the same port, with the same options) and waits, at most 90 s, until it answers. */
    public JavaService start() {
        boolean executable = !jar.getFileName().toString().endsWith(".jar");
        List<String> command = new ArrayList<>();
        command.add(executable ? jar.toString() : Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        if (tls) {
            command.add("-Dquarkus.http.ssl-port=" + port);
            command.add("-Dquarkus.http.insecure-requests=disabled");
        } else {
            command.add("-Dquarkus.http.port=" + port);
        }
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.addAll(options);
        if (!executable) {
            command.add("-jar");
            command.add(jar.toString());
        }
        starts++;
        Path log = logs.resolve(name + "-" + starts + ".log");
        try {
            Files.createDirectories(logs);
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
        awaitReady(log);
        return this;
    }

    private void awaitReady(Path log) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited early; see " + log.toAbsolutePath());
            }
            if (tls) {
                if (log().contains("Listening on: https://")) {
                    return;
                }
                sleep(100);
                continue;
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + readyPath))
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
    public String log() {
        try {
            return Files.readString(logs.resolve(name + "-" + starts + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed, as in a crash. */
    public void kill() {
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

    /** Stops it: SIGTERM, then SIGKILL when it has not exited after 20 s. */
    public void stop() {
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

    /** Open file descriptors of the process, from /proc. */
    public int fileDescriptors() {
        try (var files = Files.list(Path.of("/proc", String.valueOf(process.pid()), "fd"))) {
            return (int) files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Threads of the process, from /proc. */
    public int threads() {
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

    /** The jar a system property names (the build passes them to the tests). */
    public static Path jar(String property) {
        String value = System.getProperty(property);
        if (value == null || !Files.isRegularFile(Path.of(value))) {
            throw new IllegalStateException("System property " + property + " must name a built jar (run the tests"
                    + " through Maven from the project root), got " + value);
        }
        return Path.of(value);
    }

    /**
     * A loopback port nothing listens on, below the kernel's ephemeral range. Ports in that range (what
     * {@code new ServerSocket(0)} hands out) are also the local ports of outgoing connections, and the services here
     * open many: one could take a port between the moment it was chosen and its service binding it.
     */
    public static int freePort() {
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

    /** Sleeps; an interruption ends the test. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
