package org.lraext.coordinator.callbacks;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

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
 * when it cannot be read) and again whenever the file changes. Only to the origins
 * {@code lra.coordinator.callback-token-origins} lists when it is set, else only over https.
 */
@ApplicationScoped
public class CallbackCredentials implements ClientRequestFilter {

    private static final Logger LOG = Logger.getLogger(CallbackCredentials.class);
    static final String SETTING = "lra.coordinator.callback-token-file";

    private volatile TokenFile token;
    /** The origins the token may go to ({@code https://host} or {@code https://host:port}); empty: any https one. */
    private volatile List<String> origins = List.of();

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
        origins = options.callbackTokenOrigins().orElse(List.of()).stream().map(String::strip)
                .filter(o -> !o.isEmpty()).map(o -> o.endsWith("/") ? o.substring(0, o.length() - 1) : o).toList();
        for (String o : origins) {
            int path = o.startsWith("https://") ? o.indexOf('/', 8) : o.startsWith("http://") ? o.indexOf('/', 7) : 0;
            if (path >= 0) {
                throw new ConfigurationException("lra.coordinator.callback-token-origins: " + o + " is not an origin"
                        + " (https://host or https://host:port)");
            }
        }
        if (origins.isEmpty()) {
            LOG.warnf("Callbacks carry the bearer token of %s to every https participant URL they are given; set"
                    + " LRA_COORDINATOR_CALLBACK_TOKEN_ORIGINS to the participants' origins so that a caller allowed to"
                    + " join cannot collect it", options.callbackTokenFile().get());
        } else {
            LOG.infof("Callbacks to %s carry the bearer token of %s", origins, options.callbackTokenFile().get());
        }
    }

    /**
     * Whether a callback to this URL may carry the token: to one of the origins when they are listed
     * ({@code https://host} for any port of the host; an {@code http} origin only when it is listed so), else to any
     * https URL.
     */
    static boolean sendsTo(URI url, List<String> origins) {
        if (url == null || url.getScheme() == null || url.getHost() == null) {
            return false;
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (origins.isEmpty()) {
            return scheme.equals("https");
        }
        String host = scheme + "://" + url.getHost().toLowerCase(Locale.ROOT);
        int port = url.getPort() >= 0 ? url.getPort() : scheme.equals("https") ? 443 : 80;
        for (String o : origins) {
            String origin = o.toLowerCase(Locale.ROOT);
            if (origin.equals(host) || origin.equals(host + ":" + port)) {
                return true;
            }
        }
        return false;
    }

    /** Whether callbacks carry a token. */
    boolean active() {
        return token != null;
    }

    @Override
    public void filter(ClientRequestContext request) {
        TokenFile t = token;
        if (t != null && !request.getHeaders().containsKey(HttpHeaders.AUTHORIZATION)
                && sendsTo(request.getUri(), origins)) {
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
