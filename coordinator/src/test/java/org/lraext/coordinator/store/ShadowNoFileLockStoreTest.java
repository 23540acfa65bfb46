package org.lraext.coordinator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.Uid;
import com.arjuna.ats.arjuna.objectstore.StateStatus;
import com.arjuna.ats.arjuna.state.InputObjectState;
import com.arjuna.ats.arjuna.state.OutputObjectState;

/**
 * The store replaces a record by rename, so a crash in the middle of a write never empties a record that was there.
 */
class ShadowNoFileLockStoreTest {

    static final String TYPE = "/StateManager/BasicAction/LongRunningAction";

    @TempDir
    Path dir;
    ShadowNoFileLockStore store;

    @BeforeEach
    void open() throws Exception {
        ObjectStoreEnvironmentBean bean = new ObjectStoreEnvironmentBean();
        bean.setObjectStoreDir(dir.toString());
        store = new ShadowNoFileLockStore(bean);
    }

    @Test
    void writesLandByRenameAndLeaveNothingBeside() throws Exception {
        Uid uid = new Uid();
        assertTrue(store.write_committed(uid, TYPE, state("Active")));
        assertTrue(store.write_committed(uid, TYPE, state("Closing")));
        assertEquals("Closing", read(uid));
        assertEquals(StateStatus.OS_COMMITTED, store.currentState(uid, TYPE));
        try (var files = Files.list(record(uid).getParent())) {
            assertEquals(List.of(record(uid).getFileName().toString()),
                    files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aCrashDuringAWriteKeepsThePreviousState() throws Exception {
        Uid uid = new Uid();
        assertTrue(store.write_committed(uid, TYPE, state("Active")));
        // what a SIGKILL in the middle of the next write leaves: its new file, empty or part-written, beside the record
        Files.createFile(record(uid).resolveSibling("." + uid.fileStringForm() + ".1.new"));
        Files.write(record(uid).resolveSibling("." + uid.fileStringForm() + ".7.new"), new byte[] { 1, 2, 3 });

        ObjectStoreEnvironmentBean bean = new ObjectStoreEnvironmentBean();
        bean.setObjectStoreDir(dir.toString());
        ShadowNoFileLockStore restarted = new ShadowNoFileLockStore(bean);
        InputObjectState read = restarted.read_committed(uid, TYPE);
        assertEquals("Active", read.unpackString());
        // what Narayana checks before it activates the LRA again
        assertEquals(StateStatus.OS_COMMITTED, restarted.currentState(uid, TYPE));
        assertEquals(List.of(uid), uids(restarted));

        assertTrue(restarted.write_committed(uid, TYPE, state("Cancelling")));
        assertEquals("Cancelling", restarted.read_committed(uid, TYPE).unpackString());
    }

    @Test
    void narayanasOwnStoreEmptiesTheRecordItRewrites() throws Exception {
        // the failure this class exists for, shown on Narayana's store: the record's own file is truncated first
        ObjectStoreEnvironmentBean bean = new ObjectStoreEnvironmentBean();
        bean.setObjectStoreDir(dir.toString());
        var narayana = new com.arjuna.ats.internal.arjuna.objectstore.ShadowNoFileLockStore(bean);
        Uid uid = new Uid();
        assertTrue(narayana.write_committed(uid, TYPE, state("Active")));
        long inode = (long) Files.getAttribute(record(uid), "unix:ino");
        assertTrue(narayana.write_committed(uid, TYPE, state("Closing")));
        assertEquals(inode, (long) Files.getAttribute(record(uid), "unix:ino"), "rewritten in place");

        assertTrue(store.write_committed(uid, TYPE, state("Closed")));
        assertTrue(inode != (long) Files.getAttribute(record(uid), "unix:ino"), "replaced by a new file");
    }

    private String read(Uid uid) throws Exception {
        return store.read_committed(uid, TYPE).unpackString();
    }

    private static OutputObjectState state(String text) throws IOException {
        OutputObjectState state = new OutputObjectState();
        state.packString(text);
        return state;
    }

    private Path record(Uid uid) {
        return dir.resolve("ShadowNoFileLockStore").resolve("defaultStore").resolve(TYPE.substring(1))
                .resolve(uid.fileStringForm());
    }

    private static List<Uid> uids(ShadowNoFileLockStore store) throws Exception {
        InputObjectState all = new InputObjectState();
        store.allObjUids(TYPE, all);
        List<Uid> uids = new ArrayList<>();
        while (true) {
            Uid uid = com.arjuna.ats.internal.arjuna.common.UidHelper.unpackFrom(all);
            if (uid.equals(Uid.nullUid())) {
                return uids;
            }
            uids.add(uid);
        }
    }
}
