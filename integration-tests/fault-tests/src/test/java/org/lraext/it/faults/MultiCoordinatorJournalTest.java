package org.lraext.it.faults;

import org.lraext.test.JavaService;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The multi-coordinator crash on the default store, the journal: the kill lands in the middle of appends and flushes
 * shared by concurrent LRAs; the restarted coordinator reads its journal back and finishes its LRAs.
 */
class MultiCoordinatorJournalTest extends AbstractMultiCoordinatorTest {

    @Override
    String name() {
        return "multi-coordinator-journal";
    }

    @Override
    JavaService coordinator(int i) {
        return cluster.coordinator("coordinator" + i, storeDirectory(i));
    }

    @Override
    void checkStores() {
        long journalFiles = 0;
        for (Path store : stores) {
            try (var files = Files.list(store.resolve("journal"))) {
                journalFiles += files.count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        System.out.printf("[%s] journal files in the three stores: %d%n", name(), journalFiles);
        assertTrue(journalFiles >= 3, "each coordinator keeps a journal in its directory");
        for (JavaService c : coordinators) {
            assertTrue(c.log().contains("Object store: journal ("), c.name() + " uses another store");
        }
    }
}
