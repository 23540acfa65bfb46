package org.lraext.coordinator.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.Uid;
import com.arjuna.ats.arjuna.exceptions.ObjectStoreException;
import com.arjuna.ats.arjuna.objectstore.StateType;
import com.arjuna.ats.arjuna.state.OutputObjectState;

/**
 * Narayana's default file store with one change: a record is replaced by writing its new state to a file beside it and
 * renaming that file over the old one, never by rewriting the old file in place.
 * <p>
 * Narayana's store opens the record's own file for writing, which empties it, and then writes the new state. A crash
 * between the two (a SIGKILL, an OOM kill) leaves an empty file, and the LRA that record held, already acknowledged to
 * its starter and its participants, is unknown when the coordinator comes back. Here the rename is atomic: after a
 * crash the record holds either its old state or its new one. The file a crash may leave beside it
 * ({@code .<uid>.<thread>.new}) is not a Uid, so the store's scans skip it; the coordinator removes such files at
 * start-up.
 * <p>
 * The class keeps Narayana's simple name on purpose: the store's directory is named after it, so a store written by
 * Narayana's own coordinator is read by this one, and back.
 */
public class ShadowNoFileLockStore extends com.arjuna.ats.internal.arjuna.objectstore.ShadowNoFileLockStore {

    private final Map<Path, DirectorySync> directories = new ConcurrentHashMap<>();

    public ShadowNoFileLockStore(ObjectStoreEnvironmentBean bean) throws ObjectStoreException {
        super(bean);
    }

    @Override
    public boolean write_committed(Uid uid, String type, OutputObjectState state) throws ObjectStoreException {
        String name = genPathName(uid, type, StateType.OS_ORIGINAL);
        Path record = Path.of(name);
        Path next = record.resolveSibling("." + record.getFileName() + "." + Thread.currentThread().getId() + ".new");
        try {
            Files.createDirectories(record.getParent());
            try (FileChannel out = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(state.buffer(), 0, state.length());
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                if (synchronousWrites()) {
                    out.force(true);
                }
            }
            Files.move(next, record, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (synchronousWrites()) {
                // the rename itself survives a power cut only once its directory is on disk
                directories.computeIfAbsent(record.getParent(), DirectorySync::new).sync();
            }
        } catch (IOException e) {
            throw new ObjectStoreException("Could not write the record " + name + ": " + e, e);
        }
        addToCache(name);
        return true;
    }

    /**
     * Flushes one directory for many writers at once: a writer whose rename happened before a flush began waits for
     * that flush; the others share the next one. Under load one flush covers every rename made while the previous one
     * ran, instead of one flush each.
     */
    static final class DirectorySync {

        private final Path directory;
        private long requested;
        private long flushed;
        private boolean flushing;

        DirectorySync(Path directory) {
            this.directory = directory;
        }

        void sync() throws IOException {
            long mine;
            synchronized (this) {
                mine = ++requested;
            }
            while (true) {
                long upTo;
                synchronized (this) {
                    while (flushing && flushed < mine) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IOException("Interrupted while the store's directory was flushed", e);
                        }
                    }
                    if (flushed >= mine) {
                        return;
                    }
                    flushing = true;
                    upTo = requested;
                }
                boolean done = false;
                try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
                    dir.force(true);
                    done = true;
                } finally {
                    synchronized (this) {
                        flushing = false;
                        if (done) {
                            flushed = Math.max(flushed, upTo);
                        }
                        notifyAll();
                    }
                }
            }
        }
    }
}
