package org.lraext.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An Apache Kafka broker (KRaft, broker and controller in one node) in a process of its own, on free loopback ports,
 * with its data under a directory of the test's: what the tests that need Kafka run against, with no container. The
 * broker's jars come from Maven Central through this module's build, which writes their class path into this jar
 * ({@code kafka-broker.classpath}); nothing of Kafka's server is on the test's own class path.
 * <p>
 * {@link #start(Path)} formats the storage (one short JVM), starts the broker and waits, at most 60 s, until it says it
 * has started and its port accepts connections. Topics are created on first use.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final String CLASSPATH = "kafka-broker.classpath";
    private static final String LOG_CONFIG = "kafka-broker-log4j2.properties";

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final List<String> classPath;
    private Process process;
    private int starts;

    private KafkaBroker(Path dir, int port, int controllerPort, List<String> classPath) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.classPath = classPath;
    }

    /** Formats a new broker's storage under {@code dir} (what an earlier broker left there is removed) and starts it. */
    public static KafkaBroker start(Path dir) {
        return start(dir, JavaService.freePort());
    }

    /** The same, with the broker on a given loopback port. */
    public static KafkaBroker start(Path dir, int port) {
        KafkaBroker broker = new KafkaBroker(dir.toAbsolutePath(), port, JavaService.freePort(), classPath());
        broker.format();
        return broker.restart();
    }

    /**
     * Runs a broker until this process is stopped (SIGTERM or Ctrl-C stop the broker too): what the sample's script
     * starts. Arguments: the data directory and the port.
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: KafkaBroker <directory> <port>");
            System.exit(2);
        }
        KafkaBroker broker = start(Path.of(args[0]), Integer.parseInt(args[1]));
        Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "kafka-broker-stop"));
        System.out.println("Kafka broker on " + broker.bootstrapServers() + " (pid " + broker.pid() + "), log "
                + broker.log());
        broker.process.waitFor();
    }

    /** {@code 127.0.0.1:<port>}, for {@code kafka.bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    /** The broker's log of its latest start. */
    public Path log() {
        return dir.resolve("broker-" + starts + ".log");
    }

    /** Starts it again (after {@link #stop()} or {@link #kill()}) on the same ports and data. */
    public KafkaBroker restart() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the broker is running (pid " + process.pid() + ")");
        }
        starts++;
        process = java(List.of("-Xmx512m", "-Dlog4j2.configurationFile=" + dir.resolve(LOG_CONFIG),
                "kafka.Kafka", dir.resolve("server.properties").toString()), log());
        awaitStarted();
        return this;
    }

    private void format() {
        try {
            Path data = dir.resolve("data");
            if (Files.exists(data)) {
                try (var files = Files.walk(data)) {
                    for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(dir);
            try (InputStream in = KafkaBroker.class.getResourceAsStream(LOG_CONFIG)) {
                Files.copy(in, dir.resolve(LOG_CONFIG), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Files.writeString(dir.resolve("server.properties"), String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "controller.listener.names=CONTROLLER",
                    "inter.broker.listener.name=PLAINTEXT",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "log.dirs=" + dir.resolve("data"),
                    "num.partitions=1",
                    "auto.create.topics.enable=true",
                    "offsets.topic.replication.factor=1",
                    "offsets.topic.num.partitions=1",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "share.coordinator.state.topic.replication.factor=1",
                    "share.coordinator.state.topic.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    "") + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the broker's configuration under " + dir, e);
        }
        byte[] id = new byte[16];
        new SecureRandom().nextBytes(id);
        String clusterId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        Path log = dir.resolve("format.log");
        Process format = java(List.of("-Dlog4j2.configurationFile=" + dir.resolve(LOG_CONFIG), "kafka.tools.StorageTool",
                "format", "-t", clusterId, "-c", dir.resolve("server.properties").toString()), log);
        try {
            if (!format.waitFor(60, TimeUnit.SECONDS)) {
                format.destroyForcibly();
                throw new IllegalStateException("Formatting the broker's storage took over 60 s; see " + log);
            }
        } catch (InterruptedException e) {
            format.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (format.exitValue() != 0) {
            throw new IllegalStateException("Formatting the broker's storage failed (exit " + format.exitValue()
                    + "); see " + log);
        }
    }

    private Process java(List<String> arguments, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, classPath));
        command.addAll(arguments);
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + command, e);
        }
    }

    private void awaitStarted() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The Kafka broker exited early (exit " + process.exitValue() + "); see "
                        + log());
            }
            if (logSays("Kafka Server started") && accepts()) {
                return;
            }
            JavaService.sleep(100);
        }
        throw new IllegalStateException("The Kafka broker did not start within 60 s; see " + log());
    }

    private boolean logSays(String text) {
        try {
            return Files.readString(log(), StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGKILL, as in a crash. */
    public void kill() {
        process.destroyForcibly();
        await(30);
    }

    /** Stops it: SIGTERM (a controlled shutdown), then SIGKILL when it has not exited after 30 s. */
    public void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!await(30)) {
            process.destroyForcibly();
            await(10);
        }
    }

    private boolean await(int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static List<String> classPath() {
        try (InputStream in = KafkaBroker.class.getResourceAsStream(CLASSPATH)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH + " is missing from lra-test-helpers: build the module with"
                        + " Maven (it writes the broker's class path there)");
            }
            List<String> entries = new ArrayList<>();
            for (String entry : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim()
                    .split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    if (!Files.isRegularFile(Path.of(entry))) {
                        throw new IllegalStateException("The Kafka broker's jar " + entry + " is missing: build"
                                + " lra-test-helpers again");
                    }
                    entries.add(entry);
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
