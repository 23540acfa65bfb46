package org.lraext.coordinator.security;

import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;
import org.lraext.coordinator.CoordinatorOptions;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Stops a coordinator whose authentication could never succeed: {@code LRA_COORDINATOR_AUTH=true} with neither a key
 * to verify JWTs with nor client certificates would answer every call 401, which looks like an outage rather than the
 * setting it is.
 */
class AuthSettings {

    private static final Logger LOG = Logger.getLogger(AuthSettings.class);
    /** The settings of MicroProfile JWT and SmallRye JWT that give the key JWTs are verified with. */
    private static final List<String> KEYS = List.of("mp.jwt.verify.publickey.location", "mp.jwt.verify.publickey",
            "smallrye.jwt.verify.key.location", "smallrye.jwt.verify.key");

    void check(@Observes @Priority(10) StartupEvent event, CoordinatorOptions options, Config config) {
        if (!options.auth()) {
            return;
        }
        boolean jwtKey = KEYS.stream().anyMatch(k -> config.getOptionalValue(k, String.class).isPresent());
        if (!jwtKey && options.clientCertificates() == CoordinatorOptions.ClientCertificates.NONE) {
            throw new ConfigurationException("LRA_COORDINATOR_AUTH (lra.coordinator.auth) is true, but nothing can"
                    + " authenticate a caller: set MP_JWT_VERIFY_PUBLICKEY_LOCATION (the PEM key or JWKS URL of the"
                    + " JWTs' issuer) and/or LRA_COORDINATOR_CLIENT_CERTIFICATES=request|required with a TLS trust"
                    + " store");
        }
        if (options.callbackTokenFile().isEmpty()) {
            LOG.warn("LRA_COORDINATOR_AUTH is true but LRA_COORDINATOR_CALLBACK_TOKEN_FILE is not set: the coordinator's"
                    + " calls to its own nested-LRA endpoints carry no token and are refused (nested LRAs cannot end),"
                    + " and participants that check callbacks (quarkus.lra.callbacks.roles-allowed) refuse them too");
        }
    }
}
