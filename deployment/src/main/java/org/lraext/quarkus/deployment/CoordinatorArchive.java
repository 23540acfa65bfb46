package org.lraext.quarkus.deployment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.jboss.logging.Logger;

/**
 * The dev coordinator's class-data-sharing archive (the JVM's dynamic CDS, JDK 13 and later): the first coordinator
 * started from a jar records the classes it loaded when it exits, and later ones map that archive instead of loading
 * and verifying those classes again, which roughly halves their start-up (about 2.7 s → 1.4 s here). One archive per
 * jar (its path, size and time) and JVM, in the system's temporary directory, replacing the one of the jar's previous
 * build; a coordinator that records one writes it under a name of its own, renamed into place once it has exited, so a
 * coordinator never maps a half-written file.
 * Anything that goes wrong here only means a start without the archive: the JVM itself ignores an archive that does not
 * match ({@code -Xshare:auto}), and nothing is written where the temporary directory is not writable.
 */
final class CoordinatorArchive {

    private static final Logger LOG = Logger.getLogger(CoordinatorArchive.class);
    /** A part whose coordinator never got renamed into place (its application was killed) is removed after this. */
    private static final Duration STALE_PART = Duration.ofHours(1);

    private final Path archive;
    /** Where a coordinator that records the archive writes it; null when the archive exists or cannot be written. */
    private final Path part;
    /** The start of the names of this jar's archives, older ones included. */
    private final String jarId;

    private CoordinatorArchive(Path archive, Path part, String jarId) {
        this.archive = archive;
        this.part = part;
        this.jarId = jarId;
    }

    /**
     * The archive for this jar and this JVM, or a new one to record when there is none yet; none at all on a JVM that
     * is not HotSpot or has no base archive (recording one would stop it at start-up), or when the application's own
     * options for the coordinator say something about class-data sharing.
     */
    static CoordinatorArchive forJar(Path jar, List<String> javaOptions) {
        return forJar(jar, javaOptions, Path.of(System.getProperty("java.io.tmpdir"), "quarkus-lra-coordinator-cds"));
    }

    /** {@link #forJar(Path, List)} with the archives in a directory of the caller's choosing. */
    static CoordinatorArchive forJar(Path jar, List<String> javaOptions, Path dir) {
        if (!hotSpot() || javaOptions.stream().anyMatch(o -> o.startsWith("-Xshare") || o.contains("SharedArchiveFile")
                || o.contains("ArchiveClassesAtExit"))) {
            return new CoordinatorArchive(null, null, null);
        }
        try {
            Path server = Path.of(System.getProperty("java.home"), "lib", "server");
            if (!Files.isRegularFile(server.resolve("classes.jsa")) && !Files.isRegularFile(server.resolve("classes_nocoops.jsa"))) {
                return new CoordinatorArchive(null, null, null);
            }
            Files.createDirectories(dir);
            Path real = jar.toRealPath();
            String jarId = hash(real + "|" + System.getProperty("java.home"));
            String id = jarId + "-" + hash(Files.size(real) + "|" + Files.getLastModifiedTime(real).toMillis() + "|"
                    + System.getProperty("java.vm.version"));
            Path archive = dir.resolve(id + ".jsa");
            removeStaleParts(dir, jarId);
            if (Files.isRegularFile(archive) && Files.size(archive) > 0) {
                return new CoordinatorArchive(archive, null, jarId);
            }
            return new CoordinatorArchive(archive, dir.resolve(id + "-" + UUID.randomUUID() + ".part"), jarId);
        } catch (IOException | RuntimeException e) {
            LOG.debugf(e, "No class-data-sharing archive for the dev coordinator");
            return new CoordinatorArchive(null, null, null);
        }
    }

    /** The JVM options: map the archive, or record it at exit; none when neither is possible. */
    List<String> options() {
        if (archive == null) {
            return List.of();
        }
        if (part == null) {
            return List.of("-Xshare:auto", "-XX:SharedArchiveFile=" + archive);
        }
        return List.of("-XX:ArchiveClassesAtExit=" + part);
    }

    /** Once the coordinator has exited: puts the archive it recorded into place. */
    void recorded() {
        if (part == null || !Files.isRegularFile(part)) {
            return;
        }
        try {
            Files.move(part, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            // the archives of earlier builds of the same jar are of no use any more (about 40 MB each)
            try (DirectoryStream<Path> older = Files.newDirectoryStream(archive.getParent(), jarId + "-*.jsa")) {
                for (Path p : older) {
                    if (!p.equals(archive)) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        } catch (IOException e) {
            LOG.debugf(e, "Could not keep the dev coordinator's class-data-sharing archive %s", part);
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // in the temporary directory: nothing depends on it
            }
        }
    }

    /** Whether the coordinator's JVM (this one's) is HotSpot, which knows the options used here. */
    static boolean hotSpot() {
        String vm = System.getProperty("java.vm.name", "");
        return vm.contains("HotSpot") || vm.startsWith("OpenJDK");
    }

    private static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void removeStaleParts(Path dir, String jarId) throws IOException {
        FileTime before = FileTime.from(Instant.now().minus(STALE_PART));
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir, jarId + "-*.part")) {
            for (Path p : parts) {
                if (Files.getLastModifiedTime(p).compareTo(before) < 0) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
