package org.lraext.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dev coordinator's class-data-sharing archive: recorded by a first JVM, put into place only once that JVM has
 * exited, mapped by the next one (checked with {@code -Xshare:on}, which refuses to start on an archive it cannot map),
 * replaced when the jar changes, and left out where it could stop the coordinator from starting.
 */
class CoordinatorArchiveTest {

    @TempDir
    Path dir;
    /** Where the archives go: made by the code under test, for this user only. */
    Path cds;

    @BeforeEach
    void onlyWhereTheJvmCanShareClasses() {
        assumeTrue(CoordinatorArchive.hotSpot() && CoordinatorArchive.hasBaseArchive(), "a HotSpot JDK with its CDS archive");
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        cds = dir.resolve("cds");
    }

    private static Path coordinatorJar() {
        return Path.of(System.getProperty("quarkus.lra.devservices.coordinator-jar"));
    }

    /**
     * Starts the coordinator jar with these options, waits until it listens, then stops it (SIGTERM) and waits.
     *
     * @return its exit code
     */
    private int run(List<String> options, String name) throws Exception {
        Path log = dir.resolve(name + ".log");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of("-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.transaction-manager.object-store.directory=" + dir.resolve(name + "-store"),
                "-Dlra.coordinator.parent-pid=" + ProcessHandle.current().pid(), "-jar", coordinatorJar().toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(log).contains("Listening on")) {
                assertTrue(p.isAlive(), () -> name + ": the coordinator exited before it listened: " + read(log));
                assertTrue(System.nanoTime() < deadline, () -> name + ": the coordinator did not listen in 60 s");
                Thread.sleep(100);
            }
            p.destroy();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), name + ": the coordinator did not stop in 30 s");
            return p.exitValue();
        } finally {
            p.destroyForcibly();
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private List<Path> files(String glob) throws IOException {
        List<Path> found = new ArrayList<>();
        try (var s = Files.newDirectoryStream(cds, glob)) {
            s.forEach(found::add);
        }
        return found;
    }

    @Test
    void recordedByTheFirstStartAndMappedByTheNext() throws Exception {
        CoordinatorArchive first = CoordinatorArchive.forJar(coordinatorJar(), List.of(), cds);
        List<String> recording = first.options();
        assertEquals(1, recording.size(), recording.toString());
        assertTrue(recording.get(0).startsWith("-XX:ArchiveClassesAtExit=" + cds), recording.toString());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cds)));
        // while it runs, a second start finds no archive and records one of its own, under another name
        CoordinatorArchive second = CoordinatorArchive.forJar(coordinatorJar(), List.of(), cds);
        assertEquals(1, second.options().size(), second.options().toString());
        assertTrue(second.options().get(0).startsWith("-XX:ArchiveClassesAtExit=" + cds), second.options().toString());
        assertNotEquals(recording, second.options(), "two recordings write to two files");

        int exit = run(recording, "first");
        assertTrue(CoordinatorArchive.exitedCleanly(exit), "SIGTERM counts as a clean exit: " + exit);
        assertEquals(1, files("*.part").size(), "the archive is written under the recording's own name first");
        assertTrue(files("*.jsa").isEmpty(), "nothing a coordinator would map before the recording is in place");
        first.exited(true);
        second.exited(true); // recorded nothing: changes nothing
        List<Path> archives = files("*.jsa");
        assertEquals(1, archives.size());
        assertTrue(files("*.part").isEmpty());

        List<String> mapping = CoordinatorArchive.forJar(coordinatorJar(), List.of(), cds).options();
        assertEquals(List.of("-Xshare:auto", "-XX:SharedArchiveFile=" + archives.get(0)), mapping);
        List<String> strict = new ArrayList<>(mapping);
        strict.add("-Xshare:on"); // refuses to start at all on an archive it cannot map
        strict.add("-Xlog:class+load=info");
        run(strict, "mapped");
        assertTrue(Files.readString(dir.resolve("mapped.log")).contains("source: shared objects file (top)"),
                "classes came from the recorded archive");
    }

    @Test
    void aRecordingOfAKilledCoordinatorIsThrownAway() throws Exception {
        CoordinatorArchive a = CoordinatorArchive.forJar(fakeJar(), List.of(), cds);
        Path part = part(a);
        Files.write(part, new byte[] { 7 }); // as a JVM killed while writing it leaves it
        a.exited(false);
        assertTrue(files("*").isEmpty(), "neither the part nor an archive: " + files("*"));
        assertFalse(CoordinatorArchive.exitedCleanly(137));
    }

    @Test
    void noArchiveInADirectoryOthersCanWriteTo() throws Exception {
        Files.createDirectories(cds, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(cds, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertEquals(List.of(), CoordinatorArchive.forJar(coordinatorJar(), List.of(), cds).options());
    }

    @Test
    void aNewBuildOfTheJarGetsANewArchiveAndTheOldOneGoes() throws Exception {
        Path jar = fakeJar();
        CoordinatorArchive old = CoordinatorArchive.forJar(jar, List.of(), cds);
        recordWithoutJvm(old);
        Path oldArchive = files("*.jsa").get(0);

        Files.write(jar, new byte[] { 1, 2 });
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        CoordinatorArchive rebuilt = CoordinatorArchive.forJar(jar, List.of(), cds);
        assertTrue(rebuilt.options().get(0).startsWith("-XX:ArchiveClassesAtExit="), rebuilt.options().toString());
        recordWithoutJvm(rebuilt);
        List<Path> archives = files("*.jsa");
        assertEquals(1, archives.size(), archives.toString());
        assertFalse(archives.contains(oldArchive), "the previous build's archive is deleted");
    }

    @Test
    void partsLeftByAKilledApplicationGoAfterAnHour() throws Exception {
        Path jar = fakeJar();
        CoordinatorArchive a = CoordinatorArchive.forJar(jar, List.of(), cds);
        Path part = part(a);
        Files.write(part, new byte[] { 7 });
        CoordinatorArchive.forJar(jar, List.of(), cds);
        assertTrue(Files.exists(part), "a recording that may still be running is left alone");
        Files.setLastModifiedTime(part, FileTime.from(Instant.now().minusSeconds(2 * 3600)));
        CoordinatorArchive.forJar(jar, List.of(), cds);
        assertFalse(Files.exists(part));
    }

    @Test
    void noArchiveWhenTheApplicationsOptionsSpeakOfSharingOrTheJarIsMissing() throws IOException {
        for (String option : List.of("-Xshare:off", "-XX:SharedArchiveFile=/x.jsa", "-XX:ArchiveClassesAtExit=/x.jsa",
                "-XX:+RecordDynamicDumpInfo", "-XX:+AutoCreateSharedArchive", "-XX:AOTCache=/x.aot",
                "--patch-module=java.base=/x", "--limit-modules=java.base")) {
            CoordinatorArchive a = CoordinatorArchive.forJar(coordinatorJar(), List.of("-Xmx256m", option), cds);
            assertEquals(List.of(), a.options(), option);
            a.exited(true); // nothing to do, no failure
        }
        CoordinatorArchive missing = CoordinatorArchive.forJar(dir.resolve("no-such.jar"), List.of(), cds);
        assertEquals(List.of(), missing.options());
        missing.exited(true);
        assertTrue(files("*").isEmpty(), "nothing written");
    }

    /** A file standing for a coordinator jar, for what needs no JVM. */
    private Path fakeJar() throws IOException {
        return Files.write(dir.resolve("lra-coordinator-runner.jar"), new byte[] { 1 });
    }

    /** Where a recording writes its archive. */
    private static Path part(CoordinatorArchive recording) {
        return Path.of(recording.options().get(0).substring("-XX:ArchiveClassesAtExit=".length()));
    }

    /** What a recording JVM leaves at exit, without running one. */
    private static void recordWithoutJvm(CoordinatorArchive a) throws IOException {
        Files.write(part(a), new byte[] { 42 });
        a.exited(true);
    }
}
