package org.lraext.coordinator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.narayana.lra.coordinator.internal.LRARecoveryModule;
import io.quarkus.runtime.StartupEvent;

/**
 * Reads the object store before the coordinator serves its first request.
 * <p>
 * Narayana registers its LRA recovery module only when the coordinator API is first used, and the recovery manager
 * then scans the store at its next periodic pass (every two minutes). Until that pass, a restarted coordinator
 * answers 404 for every LRA it held, and the LRAs that were Active before a crash would never be found again. Loading
 * the store at start-up makes every LRA it held, Active, Closing or Cancelling, known again at once; the ending ones
 * are replayed (their pending callbacks are sent) right away.
 */
@ApplicationScoped
class StoreRecovery {

    private static final Logger LOG = Logger.getLogger(StoreRecovery.class);

    void start(@Observes StartupEvent event) {
        long started = System.nanoTime();
        LRARecoveryModule module = LRARecoveryModule.getInstance();
        module.recover();
        LOG.infof("Loaded the LRA object store in %d ms: %d LRAs", (System.nanoTime() - started) / 1_000_000,
                LRARecoveryModule.getService().getAll().size());
    }
}
