package org.lraext.coordinator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Ends the coordinator when the process that started it has gone.
 */
@ApplicationScoped
class ParentWatch {

    private static final Logger LOG = Logger.getLogger(ParentWatch.class);

    void start(@Observes StartupEvent event, CoordinatorOptions options, Vertx vertx) {
        options.parentPid().ifPresent(pid -> vertx.setPeriodic(1000, id -> {
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            if (!alive) {
                LOG.infof("The process %d that started this coordinator has ended; stopping", pid);
                vertx.cancelTimer(id);
                Quarkus.asyncExit();
            }
        }));
    }
}
