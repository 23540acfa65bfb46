package org.lraext.it.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own, from Debian's {@code postgresql} package: a new cluster in a directory of the
 * test, listening on a free loopback port, trusted local user {@code lra}. Run as the {@code postgres} user when the
 * tests run as root (the server refuses root). {@link #close()} stops it.
 */
final class Postgres implements AutoCloseable {

    static final String USER = "lra";

    private final Path bin;
    private final Path data;
    private final List<String> asOwner;
    final int port;
    private boolean running;

    Postgres(Path directory) {
        this.bin = serverBinaries();
        this.data = directory.resolve("data");
        this.port = Cluster.freePort();
        this.asOwner = "root".equals(System.getProperty("user.name")) ? List.of("runuser", "-u", "postgres", "--")
                : List.of();
        if (!asOwner.isEmpty()) {
            run(List.of("chown", "-R", "postgres", directory.toString()), directory.resolve("chown.log"));
        }
        run(command("initdb", "-D", data.toString(), "-U", USER, "--auth=trust", "-E", "UTF8"),
                directory.resolve("initdb.log"));
        run(command("pg_ctl", "-D", data.toString(), "-l", directory.resolve("server.log").toString(), "-w", "-t", "60",
                // TCP on loopback only: no Unix-domain socket, whose path is limited to 107 bytes and would be too
                // long in a deep checkout (the server then refuses to start)
                "-o", "-p " + port + " -c unix_socket_directories= -c listen_addresses=127.0.0.1", "start"),
                directory.resolve("pg_ctl-start.log"), directory.resolve("server.log"));
        running = true;
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
    }

    /** Creates a database owned by {@link #USER} and returns its JDBC URL. */
    String database(String name) {
        run(List.of("psql", "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", USER, "-d", "postgres", "-v",
                "ON_ERROR_STOP=1", "-c", "CREATE DATABASE " + name), data.resolveSibling("createdb-" + name + ".log"));
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
    }

    /** The rows of one query, as psql prints them unaligned (one line per row). */
    List<String> query(String database, String sql) {
        Path out = data.resolveSibling("query.log");
        run(List.of("psql", "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", USER, "-d", database, "-A", "-t",
                "-v", "ON_ERROR_STOP=1", "-c", sql), out);
        try {
            return Files.readAllLines(out).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (running) {
            running = false;
            run(command("pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "stop"),
                    data.resolveSibling("pg_ctl-stop.log"));
        }
    }

    private List<String> command(String program, String... args) {
        List<String> command = new ArrayList<>(asOwner);
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        return command;
    }

    private static void run(List<String> command, Path log) {
        run(command, log, null);
    }

    /** Runs a command to its end; on failure the message carries its output and the end of {@code detail}, if any. */
    private static void run(List<String> command, Path log, Path detail) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 90 s; see " + log);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "): "
                        + Files.readString(log) + tail(detail));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path file) throws IOException {
        if (file == null || !Files.isReadable(file)) {
            return "";
        }
        List<String> lines = Files.readAllLines(file);
        return "\n" + file + " ends with:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20),
                lines.size()));
    }

    /** The newest /usr/lib/postgresql/N/bin with a server. */
    private static Path serverBinaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                var found = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("postgres")) && Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString()
                                .replaceAll("\\D", "0"))));
                if (found.isPresent()) {
                    return found.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("No PostgreSQL server under /usr/lib/postgresql: these tests need Debian's"
                + " postgresql package (apt-get install postgresql; .ci/run installs it)");
    }
}
