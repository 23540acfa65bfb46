package org.lraext.it.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own, from Debian's {@code postgresql} package: a new cluster listening on a free
 * loopback port (TCP only), trusted local user {@code lra}. {@link #close()} stops it.
 * <p>
 * The server refuses to run as root. When the tests run as root it runs as the {@code postgres} user, with its data
 * in a directory of its own under the system's temporary directory ({@code lra-pg-*}): the clone may lie under a
 * private folder (a home of mode 700) that user cannot enter. That directory is removed by {@link #close()}, after
 * the server's log is copied next to the test's other logs; one left by a test JVM that was killed is removed by the
 * next run. As a normal user the server runs as that user, with its data in the test's directory.
 */
final class Postgres implements AutoCloseable {

    static final String USER = "lra";
    private static final String SERVER_USER = "postgres";
    private static final String SCRATCH_PREFIX = "lra-pg-";
    /** In a scratch directory: the pid of the test JVM that made it. */
    private static final String OWNER_FILE = "owner.pid";

    private final Path bin;
    /** Where the test keeps its logs (the server's log is copied there at the end). */
    private final Path logs;
    /** The cluster's own directory: the scratch directory as root, else the test's directory. */
    private final Path home;
    private final Path data;
    private final List<String> asOwner;
    final int port;
    private boolean running;

    Postgres(Path directory) {
        this.bin = serverBinaries();
        this.logs = directory;
        this.port = Cluster.freePort();
        boolean root = "root".equals(System.getProperty("user.name"));
        this.asOwner = root ? List.of("runuser", "-u", SERVER_USER, "--") : List.of();
        this.home = root ? scratchDirectory() : directory;
        this.data = home.resolve("data");
        run(command("initdb", "-D", data.toString(), "-U", USER, "--auth=trust", "-E", "UTF8"),
                logs.resolve("initdb.log"));
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
        run(command("pg_ctl", "-D", data.toString(), "-l", serverLog().toString(), "-w", "-t", "60",
                // TCP on loopback only: no Unix-domain socket, whose path is limited to 107 bytes and would be too
                // long in a deep checkout (the server then refuses to start)
                "-o", "-p " + port + " -c unix_socket_directories= -c listen_addresses=127.0.0.1", "start"),
                logs.resolve("pg_ctl-start.log"), serverLog());
        running = true;
    }

    /**
     * A new directory the server's user owns, under the system's temporary directory (which every user can reach);
     * scratch directories of test JVMs that no longer run are removed first.
     */
    private Path scratchDirectory() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        removeAbandoned(tmp);
        try {
            Path dir = Files.createTempDirectory(tmp, SCRATCH_PREFIX);
            Files.writeString(dir.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
            run(List.of("chown", "-R", SERVER_USER, dir.toString()), logs.resolve("chown.log"));
            // the server's user must reach it: fail here, with the reason, rather than in initdb
            run(List.of("runuser", "-u", SERVER_USER, "--", "test", "-w", dir.toString()), logs.resolve("access.log"),
                    null, dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("The PostgreSQL server's user '" + SERVER_USER + "' cannot write to " + tmp
                    + " (java.io.tmpdir): " + e.getMessage(), e);
        }
    }

    /** Removes the scratch directories whose test JVM has gone (killed before it could remove them). */
    private static void removeAbandoned(Path tmp) {
        try (Stream<Path> entries = Files.list(tmp)) {
            for (Path dir : entries.filter(d -> d.getFileName().toString().startsWith(SCRATCH_PREFIX)).toList()) {
                Path owner = dir.resolve(OWNER_FILE);
                if (!Files.isRegularFile(owner)) {
                    continue;
                }
                long pid = Long.parseLong(Files.readString(owner).trim());
                boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                if (!alive && !serverRunning(dir.resolve("data"))) {
                    delete(dir);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // an unreadable leftover is left as it is; it does not stop this test
        }
    }

    /** Whether a server still runs on this data directory (its postmaster.pid names a live process). */
    private static boolean serverRunning(Path data) throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return false;
        }
        List<String> lines = Files.readAllLines(pidFile);
        return !lines.isEmpty() && ProcessHandle.of(Long.parseLong(lines.get(0).trim())).map(ProcessHandle::isAlive)
                .orElse(false);
    }

    private Path serverLog() {
        return home.resolve("server.log");
    }

    /** Creates a database owned by {@link #USER} and returns its JDBC URL. */
    String database(String name) {
        run(List.of("psql", "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", USER, "-d", "postgres", "-v",
                "ON_ERROR_STOP=1", "-c", "CREATE DATABASE " + name), logs.resolve("createdb-" + name + ".log"));
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
    }

    /** The rows of one query, as psql prints them unaligned (one line per row). */
    List<String> query(String database, String sql) {
        Path out = logs.resolve("query.log");
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
            run(command("pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "stop"), logs.resolve("pg_ctl-stop.log"));
        }
        if (!home.equals(logs) && Files.isDirectory(home)) {
            try {
                if (Files.isRegularFile(serverLog())) {
                    Files.copy(serverLog(), logs.resolve("server.log"), StandardCopyOption.REPLACE_EXISTING);
                }
                delete(home);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not remove the PostgreSQL directory " + home, e);
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private List<String> command(String program, String... args) {
        List<String> command = new ArrayList<>(asOwner);
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        return command;
    }

    private void run(List<String> command, Path log) {
        run(command, log, null);
    }

    private void run(List<String> command, Path log, Path detail) {
        // the server's user must be able to enter the working directory (initdb and pg_ctl return to it)
        run(command, log, detail, asOwner.isEmpty() ? null : home);
    }

    /** Runs a command to its end; on failure the message carries its output and the end of {@code detail}, if any. */
    private static void run(List<String> command, Path log, Path detail, Path workingDirectory) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            if (workingDirectory != null) {
                builder.directory(workingDirectory.toFile());
            }
            Process p = builder.start();
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
