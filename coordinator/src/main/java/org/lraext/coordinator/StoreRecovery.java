package org.lraext.coordinator;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.jboss.logging.Logger;

import com.arjuna.ats.arjuna.common.Uid;

import io.narayana.lra.LRAData;
import io.narayana.lra.coordinator.domain.service.LRAService;
import io.narayana.lra.coordinator.internal.LRARecoveryModule;
import io.smallrye.mutiny.infrastructure.Infrastructure;
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
        LRAService service = LRARecoveryModule.getService();
        LOG.infof("Loaded the LRA object store in %d ms: %d LRAs", (System.nanoTime() - started) / 1_000_000,
                service.getAll().size());
        List<LRAData> ending = new ArrayList<>(service.getAll(LRAStatus.Closing));
        ending.addAll(service.getAll(LRAStatus.Cancelling));
        if (!ending.isEmpty()) {
            // participants are called over HTTP: not on the thread that starts the application
            Infrastructure.getDefaultWorkerPool().execute(() -> finishInterrupted(service, ending));
        }
    }

    private static void finishInterrupted(LRAService service, List<LRAData> ending) {
        for (LRAData lra : ending) {
            String path = lra.getLraId().getPath();
            Uid uid = new Uid(path.substring(path.lastIndexOf('/') + 1).replace('_', ':'));
            try {
                InterruptedEnd end = new InterruptedEnd(service, uid);
                if (end.isInterrupted()) {
                    LRAStatus status = end.finish();
                    LOG.infof("LRA %s was cut short by a crash while %s: its participants were told, now %s",
                            lra.getLraId(), lra.getStatus(), status);
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "Could not finish the interrupted LRA %s; Narayana's recovery keeps trying", lra.getLraId());
            }
        }
    }
}
