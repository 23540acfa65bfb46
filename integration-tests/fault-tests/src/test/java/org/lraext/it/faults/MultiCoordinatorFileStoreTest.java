package org.lraext.it.faults;

import org.lraext.test.JavaService;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The multi-coordinator crash on the file store: each coordinator keeps its LRAs in a directory of its own. */
class MultiCoordinatorFileStoreTest extends AbstractMultiCoordinatorTest {

    @Override
    String name() {
        return "multi-coordinator-file";
    }

    @Override
    JavaService coordinator(int i) {
        return cluster.coordinatorWithRecordFiles("coordinator" + i, storeDirectory(i));
    }

    @Override
    void checkStores() {
        // every record in every store is whole: none was left empty by the kill (a new state the kill cut short is
        // in a ".<uid>.<thread>.new" file beside its record, which readers skip)
        List<Path> empty = new ArrayList<>();
        int records = 0;
        for (Path store : stores) {
            try (var files = Files.walk(store)) {
                for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().endsWith("!")
                        && !f.getFileName().toString().startsWith("."))
                        .toList()) {
                    records++;
                    if (Files.size(f) == 0) {
                        empty.add(f);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        System.out.printf("[%s] records left in the three stores: %d, empty: %d%n", name(), records, empty.size());
        assertEquals(List.of(), empty);
        // the store in use is the project's crash-safe one (installed before the coordinator first opens its store)
        for (JavaService c : coordinators) {
            assertTrue(c.log().contains("Object store: org.lraext.coordinator.store.ShadowNoFileLockStore in "),
                    c.name() + " uses another store");
        }
    }
}
