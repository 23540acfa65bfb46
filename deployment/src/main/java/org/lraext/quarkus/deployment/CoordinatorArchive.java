package org.lraext.quarkus.deployment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jboss.logging.Logger;

/**
 * The dev coordinator's class-data-sharing archive (the JVM's dynamic CDS, JDK 13 and later): the first coordinator
 * started from a jar records the classes it loaded when it exits, and later ones map that archive instead of loading
 * and verifying those classes again, which roughly halves their start-up (about 2.7 s → 1.4 s here). One archive per
 * jar (its path, size and time) and JVM, in a directory of the user's own under the system's temporary directory,
 * replacing the one of the jar's previous build; archives not recorded again for 30 days go. A coordinator that
 * records one writes it under a name of its own, renamed into place only after it exited by itself or on SIGTERM (not
 * when it had to be killed), so no coordinator maps a half-written file.
 * <p>
 * Anything that goes wrong here only means a start without the archive: the JVM ignores an archive that does not match
 * ({@code -Xshare:auto}); no archive is used with options that could clash with these ones and stop the JVM at start-up
 * (other CDS or AOT-cache options, module patching, in the application's options or the JVM's environment variables);
 * and {@link CoordinatorProcess} starts the coordinator once more without the archive if it exits before it is ready.
 */
final class CoordinatorArchive {

    private static final Logger LOG = Logger.getLogger(CoordinatorArchive.class);
    /** A part whose coordinator never got renamed into place (its application was killed) is removed after this. */
    private static final Duration STALE_PART = Duration.ofHours(1);
    /** Archives not recorded again for this long (other jars, other JVMs) are removed when one is recorded. */
    private static final Duration UNUSED_ARCHIVE = Duration.ofDays(30);
    /** What in a JVM option or its environment rules an archive out. */
    private static final List<String> CLASHING = List.of("share", "archive", "aot", "dynamicdump", "--patch-module",
            "--limit-modules", "--upgrade-module-path");
    private static final CoordinatorArchive NONE = new CoordinatorArchive(null, null, null);

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

    /** No archive: the coordinator starts as it would without this class. */
    static CoordinatorArchive none() {
        return NONE;
    }

    /**
     * The archive for this jar and this JVM, or a new one to record when there is none yet; none at all on a JVM that
     * is not HotSpot or has no base archive, or when the application's options for the coordinator or the JVM's
     * environment variables say something that could clash.
     */
    static CoordinatorArchive forJar(Path jar, List<String> javaOptions) {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        return forJar(jar, javaOptions, Path.of(System.getProperty("java.io.tmpdir"), "quarkus-lra-coordinator-cds-" + user));
    }

    /** {@link #forJar(Path, List)} with the archives in a directory of the caller's choosing. */
    static CoordinatorArchive forJar(Path jar, List<String> javaOptions, Path dir) {
        List<String> all = new ArrayList<>(javaOptions);
        for (String variable : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
            String value = System.getenv(variable);
            if (value != null) {
                all.add(value);
            }
        }
        if (!hotSpot() || !hasBaseArchive() || all.stream().map(o -> o.toLowerCase(Locale.ROOT))
                .anyMatch(o -> CLASHING.stream().anyMatch(o::contains))) {
            return NONE;
        }
        try {
            if (!ownDirectory(dir)) {
                return NONE;
            }
            Path real = jar.toRealPath();
            String jarId = hash(real + "|" + System.getProperty("java.home"));
            String id = jarId + "-" + hash(Files.size(real) + "|" + Files.getLastModifiedTime(real).toMillis() + "|"
                    + System.getProperty("java.vm.version"));
            Path archive = dir.resolve(id + ".jsa");
            removeOlderThan(dir, jarId + "-*.part", STALE_PART, null);
            if (Files.isRegularFile(archive) && Files.size(archive) > 0) {
                return new CoordinatorArchive(archive, null, jarId);
            }
            return new CoordinatorArchive(archive, dir.resolve(id + "-" + UUID.randomUUID() + ".part"), jarId);
        } catch (IOException | RuntimeException e) {
            LOG.debugf(e, "No class-data-sharing archive for the dev coordinator");
            return NONE;
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

    /**
     * Once the coordinator has exited: puts the archive it recorded into place when it exited by itself or on SIGTERM,
     * and removes it otherwise (a JVM killed while writing it leaves a truncated file).
     */
    void exited(boolean cleanly) {
        if (part == null || !Files.isRegularFile(part)) {
            return;
        }
        if (!cleanly) {
            delete(part);
            return;
        }
        try {
            Files.move(part, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            LOG.debugf(e, "Could not keep the dev coordinator's class-data-sharing archive %s", part);
            delete(part);
            return;
        }
        // the archives of earlier builds of the same jar are of no use any more (about 40 MB each), nor are those
        // nobody recorded for a month (other jars, other JVMs)
        removeOlderThan(archive.getParent(), jarId + "-*.jsa", Duration.ZERO, archive);
        removeOlderThan(archive.getParent(), "*.jsa", UNUSED_ARCHIVE, archive);
    }

    /** Whether a JVM's exit code is that of a normal exit or of SIGTERM, after which a recorded archive is whole. */
    static boolean exitedCleanly(int exitValue) {
        return exitValue == 0 || exitValue == 143;
    }

    /** Whether the coordinator's JVM (this one's) is HotSpot, which knows the options used here. */
    static boolean hotSpot() {
        String vm = System.getProperty("java.vm.name", "");
        return vm.contains("HotSpot") || vm.startsWith("OpenJDK");
    }

    /** Whether the JDK has its default CDS archive, without which a dynamic one can be neither recorded nor mapped. */
    static boolean hasBaseArchive() {
        Path home = Path.of(System.getProperty("java.home"));
        for (Path server : List.of(home.resolve("lib").resolve("server"), home.resolve("bin").resolve("server"))) {
            if (Files.isRegularFile(server.resolve("classes.jsa")) || Files.isRegularFile(server.resolve("classes_nocoops.jsa"))) {
                return true;
            }
        }
        return false;
    }

    /** Creates the directory for this user only, or checks that an existing one is this user's and closed to others. */
    private static boolean ownDirectory(Path dir) throws IOException {
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
        if (!posix) {
            return true;
        }
        // an archive is trusted by the JVM that maps it: nobody else may have put one there
        return Files.getOwner(dir).getName().equals(System.getProperty("user.name"))
                && PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)).endsWith("------");
    }

    private static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes, as far as it can, the files matching {@code glob} older than {@code age}, except {@code keep}. */
    private static void removeOlderThan(Path dir, String glob, Duration age, Path keep) {
        FileTime before = FileTime.from(Instant.now().minus(age));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
            for (Path p : files) {
                try {
                    if (!p.equals(keep) && Files.getLastModifiedTime(p).compareTo(before) <= 0) {
                        delete(p);
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.debugf(e, "Could not look at %s", p);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debugf(e, "Could not list %s", dir);
        }
    }

    private static void delete(Path p) {
        try {
            p.toFile().setWritable(true); // (the JVM writes archives read-only; Windows will not delete those)
            Files.deleteIfExists(p);
        } catch (IOException | RuntimeException e) {
            LOG.debugf(e, "Could not remove %s", p);
        }
    }
}
