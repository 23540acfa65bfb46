package org.lraext.coordinator.security;

import java.security.cert.X509Certificate;
import java.util.Set;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.lraext.coordinator.CoordinatorOptions;

import io.quarkus.vertx.http.security.HttpSecurity;
import io.quarkus.vertx.http.security.MTLS;
import io.vertx.core.http.ClientAuth;

/**
 * Client certificates on the coordinator's https port, from {@code lra.coordinator.client-certificates}
 * ({@code LRA_COORDINATOR_CLIENT_CERTIFICATES}): {@code none} (the default), {@code request} (a certificate is
 * authentication when sent; a bearer JWT is the alternative) or {@code required} (the TLS handshake fails without one
 * from a trusted CA). A certificate's roles are its subject's common name: {@code CN=lra-participant} is a participant.
 */
public class ClientCertificates {

    private static final Logger LOG = Logger.getLogger(ClientCertificates.class);

    void configure(@Observes HttpSecurity http, CoordinatorOptions options) {
        if (options.clientCertificates() == CoordinatorOptions.ClientCertificates.NONE) {
            return;
        }
        ClientAuth auth = options.clientCertificates() == CoordinatorOptions.ClientCertificates.REQUIRED
                ? ClientAuth.REQUIRED
                : ClientAuth.REQUEST;
        http.mTLS(MTLS.builder().authentication(auth).certificateToRolesMapper(ClientCertificates::roles).build());
        LOG.infof("Client certificates: %s (their common name is their role)", auth.name().toLowerCase());
    }

    /** The certificate's common name, as its only role; none when it has no common name. */
    static Set<String> roles(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return Set.of(rdn.getValue().toString());
                }
            }
        } catch (InvalidNameException e) {
            LOG.debugf("A client certificate's subject could not be read: %s", e.getMessage());
        }
        return Set.of();
    }
}
