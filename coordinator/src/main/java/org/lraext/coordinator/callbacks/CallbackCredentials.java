package org.lraext.coordinator.callbacks;

import java.time.Duration;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.logging.Logger;
import org.lraext.coordinator.CoordinatorOptions;
import org.lraext.lra.coordinator.TokenFile;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.vertx.core.Vertx;

/**
 * The coordinator's own bearer token, sent on every callback and recovery call to a participant when
 * {@code lra.coordinator.callback-token-file} is set: read from its file at start-up (the coordinator does not start
 * when it cannot be read) and again whenever the file changes.
 */
@ApplicationScoped
public class CallbackCredentials implements ClientRequestFilter {

    private static final Logger LOG = Logger.getLogger(CallbackCredentials.class);
    static final String SETTING = "lra.coordinator.callback-token-file";

    private volatile TokenFile token;

    // before the store's recovery, which may call participants back at start-up
    void start(@Observes @Priority(90) StartupEvent event, CoordinatorOptions options, Vertx vertx) {
        if (options.callbackTokenFile().isEmpty()) {
            return;
        }
        try {
            token = new TokenFile(vertx, options.callbackTokenFile().get(), Duration.ofSeconds(2));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(SETTING + ": " + e.getMessage(), e);
        }
        LOG.infof("Callbacks carry the bearer token of %s", options.callbackTokenFile().get());
    }

    /** Whether callbacks carry a token. */
    boolean active() {
        return token != null;
    }

    @Override
    public void filter(ClientRequestContext request) {
        TokenFile t = token;
        if (t != null && !request.getHeaders().containsKey(HttpHeaders.AUTHORIZATION)) {
            request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, t.get());
        }
    }

    @PreDestroy
    void stop() {
        if (token != null) {
            token.close();
        }
    }
}
