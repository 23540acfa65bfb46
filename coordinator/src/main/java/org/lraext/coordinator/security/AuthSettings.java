package org.lraext.coordinator.security;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.lraext.coordinator.CoordinatorOptions;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Stops a coordinator whose authentication could never succeed: {@code LRA_COORDINATOR_AUTH=true} with neither a key
 * to verify JWTs with nor client certificates would answer every call 401, which looks like an outage rather than the
 * setting it is.
 */
class AuthSettings {

    void check(@Observes @Priority(10) StartupEvent event, CoordinatorOptions options, Config config) {
        if (!options.auth()) {
            return;
        }
        boolean jwtKey = config.getOptionalValue("mp.jwt.verify.publickey.location", String.class).isPresent()
                || config.getOptionalValue("mp.jwt.verify.publickey", String.class).isPresent();
        if (!jwtKey && options.clientCertificates() == CoordinatorOptions.ClientCertificates.NONE) {
            throw new ConfigurationException("LRA_COORDINATOR_AUTH (lra.coordinator.auth) is true, but nothing can"
                    + " authenticate a caller: set MP_JWT_VERIFY_PUBLICKEY_LOCATION (the PEM key or JWKS URL of the"
                    + " JWTs' issuer) and/or LRA_COORDINATOR_CLIENT_CERTIFICATES=request|required with a TLS trust"
                    + " store");
        }
    }
}
