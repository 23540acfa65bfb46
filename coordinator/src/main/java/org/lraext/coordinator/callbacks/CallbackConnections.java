package org.lraext.coordinator.callbacks;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;

import org.jboss.logging.Logger;
import org.lraext.coordinator.CoordinatorOptions;

import io.quarkus.runtime.StartupEvent;

/**
 * Holds one reference to the shared callback HTTP client for the coordinator's lifetime: a shared Vert.x client
 * closes (with its kept-alive connections) when its last reference does, which would otherwise happen whenever no
 * callback is in flight.
 */
@ApplicationScoped
class CallbackConnections {

    private static final Logger LOG = Logger.getLogger(CallbackConnections.class);

    private Client holder;

    // before the store's recovery, which may call participants back at start-up
    void start(@Observes @Priority(100) StartupEvent event, CoordinatorOptions options) {
        if (options.callbackConnections() < 1) {
            throw new IllegalArgumentException("lra.coordinator.callback-connections must be at least 1, got "
                    + options.callbackConnections());
        }
        ClientBuilder builder = ClientBuilder.newBuilder();
        if (!(builder instanceof CallbackClientBuilder)) {
            // the service file of this application must come first among the ClientBuilder services
            LOG.warnf("The JAX-RS client builder is %s, not %s: participants are called back on a new connection"
                    + " each time", builder.getClass().getName(), CallbackClientBuilder.class.getName());
            return;
        }
        if (!CallbackClientBuilder.keepsConnections(options)) {
            LOG.infof("Callbacks: a new connection for each (lra.coordinator.callback-keep-alive=%s)",
                    options.callbackKeepAlive());
            return;
        }
        holder = builder.build();
        LOG.infof("Callbacks: connections kept alive for %d s, at most %d per participant",
                CallbackClientBuilder.keepAliveSeconds(options), options.callbackConnections());
    }

    @PreDestroy
    void stop() {
        if (holder != null) {
            holder.close();
        }
    }
}
