package org.lraext.coordinator.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;

import io.quarkus.runtime.StartupEvent;

/**
 * Prepares the object store before the coordinator first opens it: the crash-safe file store in place of Narayana's,
 * or, for the JDBC store, a clear stop when no database is configured. A store type chosen otherwise is left as it is.
 */
@ApplicationScoped
class StoreSetup {

    private static final Logger LOG = Logger.getLogger(StoreSetup.class);
    private static final String NARAYANA_FILE_STORE = com.arjuna.ats.internal.arjuna.objectstore.ShadowNoFileLockStore.class
            .getName();

    // before StoreRecovery, which opens the store
    void install(@Observes @Priority(1) StartupEvent event) {
        for (String name : List.of("default", "communicationStore", "stateStore")) {
            ObjectStoreEnvironmentBean bean = name.equals("default")
                    ? BeanPopulator.getDefaultInstance(ObjectStoreEnvironmentBean.class)
                    : BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, name);
            if (NARAYANA_FILE_STORE.equals(bean.getObjectStoreType())) {
                bean.setObjectStoreType(ShadowNoFileLockStore.class.getName());
            }
        }
        ObjectStoreEnvironmentBean store = BeanPopulator.getDefaultInstance(ObjectStoreEnvironmentBean.class);
        if (ShadowNoFileLockStore.class.getName().equals(store.getObjectStoreType())) {
            removeCutShortWrites(Path.of(store.getObjectStoreDir()));
        }
        if (store.getJdbcDataSource() != null) {
            String url = ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.jdbc.url", String.class)
                    .orElseThrow(() -> new IllegalStateException("The object store is the JDBC store"
                            + " (quarkus.transaction-manager.object-store.type=jdbc) but no database is configured:"
                            + " set LRA_COORDINATOR_JDBC_URL (quarkus.datasource.jdbc.url), e.g."
                            + " jdbc:postgresql://db:5432/lra, with LRA_COORDINATOR_JDBC_USER and"
                            + " LRA_COORDINATOR_JDBC_PASSWORD"));
            LOG.infof("Object store: tables %sJBossTSTxTable in %s", store.getTablePrefix(), url);
        } else {
            LOG.infof("Object store: %s in %s", store.getObjectStoreType(), store.getObjectStoreDir());
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
