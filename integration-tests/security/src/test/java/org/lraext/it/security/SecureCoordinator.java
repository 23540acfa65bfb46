package org.lraext.it.security;

import java.util.Map;

import org.lraext.test.JavaService;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the packaged coordinator with security on ({@link SecureSetup}) for the application under test, which talks
 * to it over mutual TLS with its token from a file and serves its callbacks over https.
 */
public class SecureCoordinator implements QuarkusTestResourceLifecycleManager {

    private JavaService coordinator;

    @Override
    public Map<String, String> start() {
        SecureSetup setup = SecureSetup.create("steps");
        setup.tokens.write("participant.token", setup.tokens.valid("steps-service", "lra-participant"));
        int port = JavaService.freePort();
        int participantPort = JavaService.freePort();
        coordinator = setup.coordinator(port).start();
        String coordinatorUrl = SecureSetup.coordinatorUrl(port);
        String p12 = SecureSetup.PASSWORD;
        return Map.ofEntries(
                Map.entry("quarkus.lra.coordinator-url", coordinatorUrl),
                Map.entry("quarkus.lra.coordinator.tls-configuration-name", "lra"),
                Map.entry("quarkus.tls.lra.trust-store.p12.path", setup.trustStore().toString()),
                Map.entry("quarkus.tls.lra.trust-store.p12.password", p12),
                Map.entry("quarkus.tls.lra.key-store.p12.path", setup.keyStore("lra-participant").toString()),
                Map.entry("quarkus.tls.lra.key-store.p12.password", p12),
                Map.entry("quarkus.lra.coordinator.token-file", setup.dir.resolve("participant.token").toString()),
                // the participant's own https server, for the coordinator's callbacks
                Map.entry("quarkus.tls.key-store.p12.path", setup.keyStore("participant-server").toString()),
                Map.entry("quarkus.tls.key-store.p12.password", p12),
                Map.entry("quarkus.http.test-ssl-port", String.valueOf(participantPort)),
                Map.entry("quarkus.lra.base-uri", "https://localhost:" + participantPort),
                Map.entry("mp.jwt.verify.publickey.location", setup.jwtPublicKey.toString()),
                Map.entry("test.security.dir", setup.dir.toString()),
                Map.entry("test.coordinator.url", coordinatorUrl),
                Map.entry("test.participant.https", "https://localhost:" + participantPort));
    }

    @Override
    public void stop() {
        if (coordinator != null) {
            coordinator.stop();
        }
    }
}
