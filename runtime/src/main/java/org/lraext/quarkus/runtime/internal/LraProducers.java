package org.lraext.quarkus.runtime.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.lraext.lra.coordinator.CoordinatorClient;
import org.lraext.lra.coordinator.CoordinatorClientOptions;
import org.lraext.lra.coordinator.StartCoordinators;
import org.lraext.lra.coordinator.TokenFile;
import org.lraext.lra.protocol.CallbackMemory;
import org.lraext.lra.protocol.CallbackSignatures;
import org.lraext.lra.protocol.LraIds;
import org.lraext.quarkus.runtime.LraClient;
import org.lraext.quarkus.runtime.LraConfig;
import org.lraext.quarkus.runtime.LraConfigKeys;
import org.lraext.quarkus.runtime.LraJournal;

import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.quarkus.vertx.http.HttpServer;
import io.vertx.core.Vertx;

/**
 * The coordinator client: one per application, sharing Quarkus's Vert.x instance and its event loops.
 */
@Singleton
public class LraProducers {

    private static final Logger LOG = Logger.getLogger(LraProducers.class);

    /** Made at start-up, so that a wrong coordinator setting stops the application with its message. */
    @Produces
    @Singleton
    @Startup
    CoordinatorClient coordinatorClient(Vertx vertx, LraConfig config, LraMetrics metrics, LraTracing tracing,
            Instance<TlsConfigurationRegistry> tlsRegistry, CoordinatorCredentials credentials) {
        List<String> urls = config.coordinatorUrl();
        List<String> trusted = new ArrayList<>();
        config.trustedCoordinators().ifPresent(trusted::addAll);
        LraConfig.Coordinator c = config.coordinator();
        CoordinatorClientOptions.Tls tls = tls(c, tlsRegistry);
        if (credentials.propagates() && !credentials.hasServiceToken() && (tls == null || tls.keyCert() == null)) {
            LOG.warnf("%s is on, but this service has no credential of its own (no token file, OIDC client or client"
                    + " certificate): what it asks of the coordinator outside a caller's request — ends retried after"
                    + " an outage, searches for lost starts, LRAs of Kafka records or scheduled jobs — carries none,"
                    + " and a coordinator that wants credentials refuses it", LraConfigKeys.COORDINATOR_PROPAGATE_TOKEN);
        }
        CoordinatorClientOptions options = new CoordinatorClientOptions(c.connectTimeout(), c.requestTimeout(),
                c.maxConnections(), c.idleTimeout(), tls, credentials.active() ? credentials : null);
        List<String> stork = urls.stream().filter(u -> u.trim().startsWith(StorkCoordinators.SCHEME + ":")).toList();
        try {
            if (stork.isEmpty()) {
                List<String> all = new ArrayList<>(urls);
                all.addAll(trusted);
                LraIds ids = new LraIds(urls, all);
                return new CoordinatorClient(vertx, ids, options, observer(metrics, tracing));
            }
            if (urls.size() > 1) {
                throw new IllegalArgumentException("a stork:// URL is the only start coordinator; list other"
                        + " coordinators whose LRAs are accepted in " + LraConfigKeys.TRUSTED_COORDINATORS);
            }
            LraIds ids = LraIds.discovering(trusted);
            return new CoordinatorClient(vertx, ids, storkCoordinators(URI.create(stork.get(0).trim()), ids), options,
                    observer(metrics, tracing));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(LraConfigKeys.COORDINATOR_URL + " / " + LraConfigKeys.TRUSTED_COORDINATORS + ": "
                    + e.getMessage(), e);
        }
    }

    /** TLS towards https coordinators: the named TLS configuration, else the registry's default, else none. */
    private static CoordinatorClientOptions.Tls tls(LraConfig.Coordinator c, Instance<TlsConfigurationRegistry> tlsRegistry) {
        TlsConfigurationRegistry registry = tlsRegistry.isResolvable() ? tlsRegistry.get() : null;
        Optional<TlsConfiguration> configuration;
        if (c.tlsConfigurationName().isPresent()) {
            String name = c.tlsConfigurationName().get();
            configuration = registry == null ? Optional.empty() : registry.get(name);
            if (configuration.isEmpty()) {
                throw new ConfigurationException(LraConfigKeys.COORDINATOR_TLS + " is " + name
                        + ", but the TLS registry has no configuration of that name: configure quarkus.tls." + name
                        + ".trust-store.* (and quarkus.tls." + name + ".key-store.* for mutual TLS), or unset it");
            }
        } else {
            configuration = registry == null ? Optional.empty() : registry.getDefault();
        }
        return configuration.map(t -> new CoordinatorClientOptions.Tls(t.getTrustStoreOptions(), t.getKeyStoreOptions(),
                !t.getHostnameVerificationAlgorithm().map("NONE"::equalsIgnoreCase).orElse(false), t.isTrustAll()))
                .orElse(null);
    }

    /**
     * The Authorization header of coordinator calls: the caller's token when propagated, else the service's own from a
     * token file or an OIDC client, else none.
     */
    @Produces
    @Singleton
    CoordinatorCredentials credentials(Vertx vertx, LraConfig config, Instance<ServiceToken> oidcToken) {
        LraConfig.Coordinator c = config.coordinator();
        if (c.tokenFile().isPresent() && c.oidcClient().enabled()) {
            throw new ConfigurationException(LraConfigKeys.COORDINATOR_TOKEN_FILE + " and "
                    + LraConfigKeys.COORDINATOR_OIDC_CLIENT + ".enabled are both set: the service's token comes from one"
                    + " of them; unset one");
        }
        if (c.tokenFile().isPresent()) {
            TokenFile file;
            try {
                file = new TokenFile(vertx, c.tokenFile().get(), c.tokenFileCheck());
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(LraConfigKeys.COORDINATOR_TOKEN_FILE + ": " + e.getMessage(), e);
            }
            return new CoordinatorCredentials(c.propagateToken(), file, file);
        }
        if (c.oidcClient().enabled()) {
            if (!oidcToken.isResolvable()) {
                throw new ConfigurationException(LraConfigKeys.COORDINATOR_OIDC_CLIENT + ".enabled is true, but the"
                        + " application has no OIDC client: add the dependency io.quarkus:quarkus-oidc-client and"
                        + " configure quarkus.oidc-client.* (e.g. auth-server-url, client-id, credentials.secret,"
                        + " grant.type=client)");
            }
            // (the bean renews its token until the application stops)
            return new CoordinatorCredentials(c.propagateToken(), oidcToken.get(), null);
        }
        return new CoordinatorCredentials(c.propagateToken(), null, null);
    }

    void closeCredentials(@Disposes CoordinatorCredentials credentials) {
        credentials.close();
    }

    private static StartCoordinators storkCoordinators(URI url, LraIds ids) {
        try {
            Class.forName("io.smallrye.stork.Stork", false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ConfigurationException(LraConfigKeys.COORDINATOR_URL + " is the Stork service " + url + ", but Stork is"
                    + " not in the application: add the dependency io.quarkus:quarkus-smallrye-stork and configure"
                    + " quarkus.stork." + url.getHost() + ".service-discovery.*", e);
        }
        return new StorkCoordinators(url, ids);
    }

    @Produces
    @Singleton
    CallbackGuard callbackGuard(CoordinatorClient coordinator, LraConfig config) {
        LraConfig.Callbacks c = config.callbacks();
        CallbackSignatures signatures = null;
        if (c.signingKey().isPresent()) {
            try {
                signatures = new CallbackSignatures(c.signingKey().get(), c.previousSigningKeys().orElse(List.of()));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(LraConfigKeys.CALLBACKS + ": " + e.getMessage(), e);
            }
        } else if (c.previousSigningKeys().isPresent()) {
            throw new ConfigurationException(LraConfigKeys.PREVIOUS_SIGNING_KEYS + " is set but signing-key is not:"
                    + " set the current key as " + LraConfigKeys.SIGNING_KEY);
        }
        if (c.remembered() < 0) {
            throw new ConfigurationException(LraConfigKeys.REMEMBERED + " must be 0 or more, got " + c.remembered());
        }
        return new CallbackGuard(coordinator.ids(), signatures, new CallbackMemory(c.remembered()));
    }

    private static CoordinatorClient.CallObserver observer(LraMetrics metrics, LraTracing tracing) {
        if (tracing == LraTracing.NONE) {
            return metrics;
        }
        return new CoordinatorClient.CallObserver() {
            @Override
            public Object started(String operation, URI lra, String url) {
                return tracing.started(operation, lra, url);
            }

            @Override
            public void ended(Object token, String operation, int status, long nanos) {
                tracing.ended(token, operation, status, nanos);
                metrics.ended(token, operation, status, nanos);
            }
        };
    }

    @Produces
    @Singleton
    LraIds ids(CoordinatorClient coordinator) {
        return coordinator.ids();
    }

    @Produces
    @Singleton
    Ender ender(CoordinatorClient coordinator, LraMetrics metrics, LraJournal journal) {
        return new Ender(coordinator, metrics, journal);
    }

    @Produces
    @Singleton
    Enlister enlister(CoordinatorClient coordinator, CallbackGuard guard, LraMetrics metrics, LraTracing tracing,
            LraJournal journal, Ender ender, LraConfig config) {
        return new Enlister(coordinator, guard, metrics, tracing, journal, ender, baseUri(config));
    }

    /** The configured base URI of the callbacks without a trailing slash, or null. */
    private static String baseUri(LraConfig config) {
        return config.baseUri().map(b -> b.endsWith("/") ? b.substring(0, b.length() - 1) : b).orElse(null);
    }

    @Produces
    @Singleton
    CallbackBase callbackBase(LraConfig config, Instance<HttpServer> server) {
        return new CallbackBase(baseUri(config), server);
    }

    @Produces
    @Singleton
    LraClient lraClient(CoordinatorClient coordinator, LraRegistry registry, CallbackGuard guard, LraMetrics metrics,
            LraJournal journal, Vertx vertx, CallbackBase base, PlainCallbacks plain) {
        return new LraClientBean(coordinator, registry, guard, metrics, journal, vertx, base, plain);
    }

    @Produces
    @Singleton
    IncomingLra incomingLra(CoordinatorClient coordinator, LraRegistry registry, CallbackGuard guard,
            LraMetrics metrics, LraTracing tracing, LraJournal journal, CallbackBase base) {
        return new IncomingLra(coordinator, registry, guard, metrics, tracing, journal, base);
    }

    @Produces
    @Singleton
    CallbackHandler callbackHandler(CallbackGuard guard, LraIds ids, LraMetrics metrics, LraTracing tracing,
            LraJournal journal, PlainCallbacks plain, LraConfig config, Instance<CurrentIdentityAssociation> identity) {
        return new CallbackHandler(guard, ids, metrics, tracing, journal, plain, callers(config, identity));
    }

    /** Who may call the callbacks: anyone, unless {@code quarkus.lra.callbacks.roles-allowed} names roles. */
    private static CallbackCallers callers(LraConfig config, Instance<CurrentIdentityAssociation> identity) {
        List<String> roles = config.callbacks().rolesAllowed().orElse(List.of()).stream().map(String::strip)
                .filter(r -> !r.isEmpty()).toList();
        if (roles.isEmpty()) {
            return CallbackCallers.ANYONE;
        }
        if (!identity.isResolvable()) {
            throw new ConfigurationException(LraConfigKeys.CALLBACK_ROLES + " is " + roles + ", but the application has"
                    + " no authentication mechanism to tell who calls: add one (e.g. io.quarkus:quarkus-smallrye-jwt for"
                    + " the coordinator's bearer token, or mutual TLS) or unset it");
        }
        return new CallbackCallers(roles, identity.get());
    }

    /** Nothing is traced unless OpenTelemetry is present (then its bean replaces this one). */
    @Produces
    @Singleton
    @DefaultBean
    LraTracing noTracing() {
        return LraTracing.NONE;
    }

    /** Nothing is counted unless Micrometer is present (then its bean replaces this one). */
    @Produces
    @Singleton
    @DefaultBean
    LraMetrics noMetrics() {
        return LraMetrics.NONE;
    }

    @Produces
    @Singleton
    LraJournal journal(LraConfig config) {
        return new LraJournal(config.journal().enabled().orElse(LaunchMode.current().isDevOrTest()));
    }

    void close(@Disposes CoordinatorClient client) {
        client.close();
    }
}
