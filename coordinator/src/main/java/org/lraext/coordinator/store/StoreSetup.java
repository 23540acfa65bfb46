package org.lraext.coordinator.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.lraext.coordinator.CoordinatorOptions;

import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.ats.internal.arjuna.objectstore.hornetq.HornetqJournalEnvironmentBean;
import com.arjuna.ats.internal.arjuna.objectstore.hornetq.HornetqObjectStoreAdaptor;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;

import io.quarkus.runtime.StartupEvent;

/**
 * Prepares the object store before the coordinator first opens it: on the file system, the journal store (default) or
 * the crash-safe file store in place of Narayana's; for the JDBC store, a clear stop when no database is configured. A
 * store type chosen otherwise is left as it is.
 */
@ApplicationScoped
class StoreSetup {

    private static final Logger LOG = Logger.getLogger(StoreSetup.class);
    private static final String NARAYANA_FILE_STORE = com.arjuna.ats.internal.arjuna.objectstore.ShadowNoFileLockStore.class
            .getName();

    /** The journal's directory, under the object store directory. */
    static final String JOURNAL_DIRECTORY = "journal";

    /** Held while the coordinator runs (see {@link #lockJournal}). */
    private FileLock journalLock;

    // before StoreRecovery, which opens the store
    void install(@Observes @Priority(1) StartupEvent event, CoordinatorOptions options) {
        for (String name : List.of("default", "communicationStore", "stateStore")) {
            ObjectStoreEnvironmentBean bean = name.equals("default")
                    ? BeanPopulator.getDefaultInstance(ObjectStoreEnvironmentBean.class)
                    : BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, name);
            if (NARAYANA_FILE_STORE.equals(bean.getObjectStoreType())) {
                bean.setObjectStoreType(ShadowNoFileLockStore.class.getName());
            }
        }
        ObjectStoreEnvironmentBean store = BeanPopulator.getDefaultInstance(ObjectStoreEnvironmentBean.class);
        // (the file store is ours by now: the loop above replaced Narayana's)
        if (store.getJdbcDataSource() == null && ShadowNoFileLockStore.class.getName().equals(store.getObjectStoreType())) {
            Path directory = Path.of(store.getObjectStoreDir());
            if (options.journal()) {
                long records = fileRecords(directory);
                if (records > 0) {
                    // the journal would not see them: those LRAs would never finish
                    throw new IllegalStateException("The object store " + directory + " holds " + records
                            + " record(s) written one file per record, which the journal store (the default) does not"
                            + " read: start this coordinator with LRA_COORDINATOR_JOURNAL=false (lra.coordinator.journal)"
                            + " to finish those LRAs, or give the journal another directory (LRA_COORDINATOR_STORE)");
                }
                lockJournal(directory);
                configureJournal(directory, options.journalFlushesPerSecond());
                store.setObjectStoreType(HornetqObjectStoreAdaptor.class.getName());
            } else if (holdsFiles(directory.resolve(JOURNAL_DIRECTORY))) {
                // the record files would not show the journal's LRAs: they would never finish
                Path journal = directory.resolve(JOURNAL_DIRECTORY);
                throw new IllegalStateException("The object store " + directory + " holds a journal (" + journal
                        + "), which the one-file-per-record store (lra.coordinator.journal=false) does not read: start"
                        + " this coordinator with the journal (LRA_COORDINATOR_JOURNAL=true, the default) until its"
                        + " LRAs have finished, then remove " + journal + ", or give the record files another"
                        + " directory (LRA_COORDINATOR_STORE)");
            } else {
                removeCutShortWrites(directory);
            }
        }
        if (store.getJdbcDataSource() != null) {
            String url = ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.jdbc.url", String.class)
                    .orElseThrow(() -> new IllegalStateException("The object store is the JDBC store"
                            + " (quarkus.transaction-manager.object-store.type=jdbc) but no database is configured:"
                            + " set LRA_COORDINATOR_JDBC_URL (quarkus.datasource.jdbc.url), e.g."
                            + " jdbc:postgresql://db:5432/lra, with LRA_COORDINATOR_JDBC_USER and"
                            + " LRA_COORDINATOR_JDBC_PASSWORD"));
            LOG.infof("Object store: tables %sJBossTSTxTable in %s", store.getTablePrefix(), url);
        } else if (HornetqObjectStoreAdaptor.class.getName().equals(store.getObjectStoreType())) {
            HornetqJournalEnvironmentBean journal = BeanPopulator.getDefaultInstance(HornetqJournalEnvironmentBean.class);
            LOG.infof("Object store: journal (%s) in %s, at most %d flushes/s", store.getObjectStoreType(),
                    journal.getStoreDir(), journal.getBufferFlushesPerSecond());
        } else {
            LOG.infof("Object store: %s in %s", store.getObjectStoreType(), store.getObjectStoreDir());
        }
    }

    /**
     * Sets up Narayana's journal store (default instance, read when the store is first opened): in
     * {@code <store>/journal}, every write and delete flushed before it returns, Java NIO (no native library), at most
     * {@code flushesPerSecond} flushes.
     */
    static HornetqJournalEnvironmentBean configureJournal(Path storeDirectory, int flushesPerSecond) {
        if (flushesPerSecond < 1) {
            throw new IllegalArgumentException("lra.coordinator.journal-flushes-per-second must be at least 1, not "
                    + flushesPerSecond);
        }
        HornetqJournalEnvironmentBean journal = BeanPopulator.getDefaultInstance(HornetqJournalEnvironmentBean.class);
        journal.setStoreDir(storeDirectory.resolve(JOURNAL_DIRECTORY).toString());
        journal.setAsyncIO(false);
        journal.setSyncWrites(true);
        journal.setSyncDeletes(true);
        journal.setBufferFlushesPerSecond(flushesPerSecond);
        return journal;
    }

    /**
     * How many records the directory holds in the one-file-per-record layout: files under its
     * {@code ShadowNoFileLockStore} directory (Narayana's layout, kept by this project's store), in-progress writes
     * aside.
     */
    static long fileRecords(Path root) {
        Path records = root.resolve(ShadowNoFileLockStore.class.getSimpleName());
        if (!Files.isDirectory(records)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(records)) {
            return files.filter(f -> Files.isRegularFile(f) && !f.getFileName().toString().startsWith(".")).count();
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("Could not read the object store " + records + ": " + e.getMessage(), e);
        }
    }

    private static boolean holdsFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.findAny().isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + directory, e);
        }
    }

    /**
     * One coordinator per journal: a second process on the same directory would corrupt it. The lock is held as long as
     * this process lives (the operating system releases it when the process ends, however it ends).
     */
    void lockJournal(Path directory) {
        Path lockFile = directory.resolve(JOURNAL_DIRECTORY + ".lock");
        try {
            Files.createDirectories(directory);
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("Another coordinator is using the journal in " + directory + " ("
                        + lockFile + " is locked): each coordinator needs its own store directory (LRA_COORDINATOR_STORE)");
            }
            journalLock = lock;
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("The journal in " + directory + " is already in use by this process", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not lock " + lockFile, e);
        }
    }

    /** New states a crash cut short before their rename ({@code .<uid>.<thread>.new}): never acknowledged, not needed. */
    private static void removeCutShortWrites(Path root) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> leftovers = files.filter(f -> {
                String name = f.getFileName().toString();
                return name.startsWith(".") && name.endsWith(".new") && Files.isRegularFile(f);
            }).toList();
            for (Path f : leftovers) {
                Files.deleteIfExists(f);
            }
            if (!leftovers.isEmpty()) {
                LOG.infof("Removed %d record writes a crash cut short (their records keep their previous state)",
                        leftovers.size());
            }
        } catch (IOException e) {
            LOG.warnf(e, "Could not look for record writes a crash cut short in %s", root);
        }
    }
}
