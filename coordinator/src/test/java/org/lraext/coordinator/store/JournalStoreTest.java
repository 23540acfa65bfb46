package org.lraext.coordinator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.arjuna.ats.arjuna.common.Uid;
import com.arjuna.ats.arjuna.objectstore.StateStatus;
import com.arjuna.ats.arjuna.state.InputObjectState;
import com.arjuna.ats.arjuna.state.OutputObjectState;
import com.arjuna.ats.internal.arjuna.objectstore.hornetq.HornetqJournalEnvironmentBean;
import com.arjuna.ats.internal.arjuna.objectstore.hornetq.HornetqObjectStoreAdaptor;

/**
 * The journal store as the coordinator sets it up: what it acknowledged is there after a crash (no orderly stop), and
 * a store written one file per record is recognised, so that the journal is never started over LRAs it cannot see.
 */
class JournalStoreTest {

    static final String TYPE = ShadowNoFileLockStoreTest.TYPE;

    @TempDir
    Path dir;

    @Test
    void acknowledgedWritesAndDeletesSurviveACrash() throws Exception {
        HornetqJournalEnvironmentBean bean = StoreSetup.configureJournal(dir, 5000);
        assertEquals(dir.resolve("journal").toString(), bean.getStoreDir());
        assertTrue(bean.isSyncWrites() && bean.isSyncDeletes(), "writes and deletes must be flushed before they return");

        HornetqObjectStoreAdaptor first = new HornetqObjectStoreAdaptor(bean);
        first.start();
        Uid kept = new Uid();
        Uid updated = new Uid();
        Uid removed = new Uid();
        assertTrue(first.write_committed(kept, TYPE, state("Active")));
        assertTrue(first.write_committed(updated, TYPE, state("Active")));
        assertTrue(first.write_committed(updated, TYPE, state("Closing")));
        assertTrue(first.write_committed(removed, TYPE, state("Active")));
        assertTrue(first.remove_committed(removed, TYPE));
        // no stop: the process dies here; a new coordinator opens the same directory
        HornetqObjectStoreAdaptor second = new HornetqObjectStoreAdaptor(StoreSetup.configureJournal(dir, 5000));
        second.start();
        try {
            assertEquals("Active", read(second, kept));
            assertEquals("Closing", read(second, updated));
            assertNull(second.read_committed(removed, TYPE));
            assertEquals(StateStatus.OS_UNKNOWN, second.currentState(removed, TYPE));
            assertEquals(Set.of(kept, updated), uids(second));
        } finally {
            second.stop();
        }
    }

    @Test
    void recognisesRecordsWrittenOneFilePerRecord() throws Exception {
        assertEquals(0, StoreSetup.fileRecords(dir.resolve("absent")));
        Path type = Files.createDirectories(dir.resolve("ShadowNoFileLockStore/defaultStore/StateManager/BasicAction"));
        assertEquals(0, StoreSetup.fileRecords(dir), "empty directories are no records");
        Files.write(type.resolve(".0_ffff7f000001_1.3.new"), new byte[] { 1 });
        assertEquals(0, StoreSetup.fileRecords(dir), "a write a crash cut short is no record");
        Files.write(Files.createDirectories(dir.resolve("journal")).resolve("jbossts-1.txlog"), new byte[] { 1 });
        Files.write(dir.resolve("journal.lock"), new byte[0]);
        Files.write(dir.resolve("coordinator.log"), new byte[] { 1 });
        assertEquals(0, StoreSetup.fileRecords(dir), "the journal's own files and other files are no such records");
        Files.write(type.resolve("0_ffff7f000001_1"), new byte[] { 1 });
        assertEquals(1, StoreSetup.fileRecords(dir));
    }

    @Test
    void oneCoordinatorPerJournal() {
        new StoreSetup().lockJournal(dir);
        IllegalStateException second = assertThrows(IllegalStateException.class, () -> new StoreSetup().lockJournal(dir));
        assertTrue(second.getMessage().contains("already in use"), second.getMessage());
    }

    @Test
    void refusesFlushRatesBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> StoreSetup.configureJournal(dir, 0));
    }

    private static OutputObjectState state(String status) throws Exception {
        OutputObjectState s = new OutputObjectState();
        s.packString(status);
        return s;
    }

    private static String read(HornetqObjectStoreAdaptor store, Uid uid) throws Exception {
        InputObjectState s = store.read_committed(uid, TYPE);
        return s == null ? null : s.unpackString();
    }

    private static Set<Uid> uids(HornetqObjectStoreAdaptor store) throws Exception {
        InputObjectState all = new InputObjectState();
        assertTrue(store.allObjUids(TYPE, all));
        Set<Uid> found = new HashSet<>();
        while (true) {
            Uid uid = com.arjuna.ats.internal.arjuna.common.UidHelper.unpackFrom(all);
            if (uid.equals(Uid.nullUid())) {
                return found;
            }
            found.add(uid);
        }
    }
}
