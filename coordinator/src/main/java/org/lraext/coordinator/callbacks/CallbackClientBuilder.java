package org.lraext.coordinator.callbacks;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.resteasy.reactive.client.impl.ClientBuilderImpl;
import org.lraext.coordinator.CoordinatorOptions;

import io.quarkus.arc.Arc;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.smallrye.config.SmallRyeConfig;

/**
 * The JAX-RS client builder of the packaged coordinator (registered as the {@code ClientBuilder} service, ahead of
 * Quarkus REST's own). Narayana builds a new JAX-RS client for every call to a participant (complete, compensate,
 * status, forget, after) and closes it after the answer; with Quarkus REST's client each of those clients has a
 * connection pool of its own, so every callback opened a TCP connection and closed it again. The clients this
 * builder makes share one named Vert.x HTTP client instead, whose pool outlives them (one reference is held by
 * {@link CallbackConnections}), so a participant is called back on a kept-alive connection.
 * {@code lra.coordinator.callback-keep-alive=0} restores a connection per callback. Callbacks to {@code https}
 * participants use the TLS configuration {@code lra.coordinator.callback-tls-configuration-name} names, and carry the
 * coordinator's bearer token when {@link CallbackCredentials} has one.
 */
public class CallbackClientBuilder extends ClientBuilderImpl {

    /** The name of the shared HTTP client. */
    static final String SHARED_CLIENT = "lra-coordinator-callbacks";

    /**
     * How long a callback may wait for a connection, and then for data from the participant. Narayana waits 2 s for a
     * callback's answer and then goes on without it (it asks again later); a request it has given up on must not keep
     * a connection busy or wait in the pool's queue, as it did not when each callback had a client of its own, closed
     * after the wait.
     */
    static final long CALLBACK_TIMEOUT_MILLIS = 2_500;

    /** How often the pool looks for connections idle for longer than the keep-alive, to close them. */
    static final int IDLE_CHECK_MILLIS = 250;

    public CallbackClientBuilder() {
        CoordinatorOptions options = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class)
                .getConfigMapping(CoordinatorOptions.class);
        CallbackCredentials credentials = Arc.container().instance(CallbackCredentials.class).get();
        if (credentials.active()) {
            register(credentials);
        }
        TlsConfiguration tls = tls(options);
        if (tls != null) {
            // (used for https participants only)
            clientOptionsCustomizer(http -> http.setTrustOptions(tls.getTrustStoreOptions())
                    .setKeyCertOptions(tls.getKeyStoreOptions()).setTrustAll(tls.isTrustAll())
                    .setVerifyHost(!tls.getHostnameVerificationAlgorithm().map("NONE"::equalsIgnoreCase).orElse(false))
                    .setPoolCleanerPeriod(IDLE_CHECK_MILLIS));
        }
        if (keepsConnections(options)) {
            property("io.quarkus.rest.client.shared", Boolean.TRUE);
            property("io.quarkus.rest.client.name", SHARED_CLIENT);
            property("io.quarkus.rest.client.connection-ttl", keepAliveSeconds(options));
            property("io.quarkus.rest.client.connection-pool-size", options.callbackConnections());
            property("io.quarkus.rest.client.read-timeout", CALLBACK_TIMEOUT_MILLIS);
            if (tls == null) {
                clientOptionsCustomizer(http -> http.setPoolCleanerPeriod(IDLE_CHECK_MILLIS));
            }
        }
    }

    /** The callbacks' TLS configuration: the named one, else the registry's default, else none (the JVM's). */
    private static TlsConfiguration tls(CoordinatorOptions options) {
        TlsConfigurationRegistry registry = Arc.container().instance(TlsConfigurationRegistry.class).get();
        if (options.callbackTlsConfigurationName().isPresent()) {
            String name = options.callbackTlsConfigurationName().get();
            return registry.get(name).orElseThrow(() -> new IllegalStateException(
                    "lra.coordinator.callback-tls-configuration-name is " + name + ", but the TLS registry has no"
                            + " configuration of that name: configure quarkus.tls." + name + ".trust-store.*"));
        }
        return registry.getDefault().orElse(null);
    }

    /** Whether callbacks share kept-alive connections: a keep-alive above zero. */
    static boolean keepsConnections(CoordinatorOptions options) {
        return options.callbackKeepAlive().toMillis() > 0;
    }

    /** The keep-alive as Vert.x counts it, in whole seconds: rounded down, at least 1. */
    static int keepAliveSeconds(CoordinatorOptions options) {
        return (int) Math.max(1, options.callbackKeepAlive().toSeconds());
    }
}
