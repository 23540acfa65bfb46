package org.lraext.it.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.lraext.test.JavaService;
import org.lraext.test.TestPki;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Makes everything the secured set-up needs, then starts the packaged coordinator with it: a certificate authority and
 * certificates for the coordinator, the participant (as server and as client) and an administrator; a second,
 * unrelated authority with a participant certificate of its own; an RSA key pair for JWTs, and the token files of the
 * participant and of the coordinator. The coordinator serves https only, wants a JWT or a client certificate on every
 * call, and calls back with its own token; the application under test talks to it over mutual TLS with its token.
 */
public class SecureCoordinator implements QuarkusTestResourceLifecycleManager {

    static final String ISSUER = "lra-test";
    static final String CA = "lra-test-ca";

    private JavaService coordinator;

    @Override
    public Map<String, String> start() {
        Path dir = Path.of("target", "security").toAbsolutePath();
        delete(dir);
        TestPki pki = TestPki.authority(dir.resolve("pki"), CA);
        for (String name : List.of("coordinator", "lra-participant", "lra-admin", "participant-server")) {
            pki.issue(name);
        }
        TestPki.authority(dir.resolve("rogue"), "rogue-ca").issue("lra-participant");
        Keys keys = Keys.generate(dir);
        Tokens tokens = new Tokens(dir);
        tokens.write("participant.token", tokens.valid("trip-service", "lra-participant"));
        tokens.write("coordinator.token", tokens.valid("lra-coordinator", "lra-coordinator"));

        int port = freePort();
        int participantPort = freePort();
        String p12 = TestPki.PASSWORD;
        coordinator = new JavaService("secure-coordinator", Path.of(System.getProperty("sample.coordinator.jar")), port,
                "/", List.of(
                        "-Dquarkus.tls.key-store.p12.path=" + pki.keyStore("coordinator"),
                        "-Dquarkus.tls.key-store.p12.password=" + p12,
                        "-Dquarkus.tls.trust-store.p12.path=" + pki.trustStore(),
                        "-Dquarkus.tls.trust-store.p12.password=" + p12,
                        "-Dlra.coordinator.client-certificates=request",
                        "-Dlra.coordinator.auth=true",
                        "-Dmp.jwt.verify.issuer=" + ISSUER,
                        "-Dmp.jwt.verify.publickey.location=" + keys.publicKeyPem(),
                        "-Dlra.coordinator.callback-token-file=" + dir.resolve("coordinator.token"),
                        "-Dquarkus.transaction-manager.object-store.directory=" + dir.resolve("store")),
                dir.resolve("logs")).httpsOnly().start();
        String coordinatorUrl = "https://localhost:" + port + "/lra-coordinator";
        return Map.ofEntries(
                Map.entry("quarkus.lra.coordinator-url", coordinatorUrl),
                Map.entry("quarkus.lra.coordinator.tls-configuration-name", "lra"),
                Map.entry("quarkus.tls.lra.trust-store.p12.path", pki.trustStore().toString()),
                Map.entry("quarkus.tls.lra.trust-store.p12.password", p12),
                Map.entry("quarkus.tls.lra.key-store.p12.path", pki.keyStore("lra-participant").toString()),
                Map.entry("quarkus.tls.lra.key-store.p12.password", p12),
                Map.entry("quarkus.lra.coordinator.token-file", dir.resolve("participant.token").toString()),
                // the participant's own https server, for the coordinator's callbacks
                Map.entry("quarkus.tls.key-store.p12.path", pki.keyStore("participant-server").toString()),
                Map.entry("quarkus.tls.key-store.p12.password", p12),
                Map.entry("quarkus.http.test-ssl-port", String.valueOf(participantPort)),
                Map.entry("quarkus.lra.base-uri", "https://localhost:" + participantPort),
                Map.entry("mp.jwt.verify.publickey.location", keys.publicKeyPem().toString()),
                Map.entry("test.security.dir", dir.toString()),
                Map.entry("test.coordinator.url", coordinatorUrl),
                Map.entry("test.participant.https", "https://localhost:" + participantPort));
    }

    @Override
    public void stop() {
        if (coordinator != null) {
            coordinator.stop();
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JWT signing key pair: the public key as PEM for the verifiers, the private key for {@link Tokens}. */
    record Keys(Path publicKeyPem) {

        static Keys generate(Path dir) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Path pem = dir.resolve("jwt-public.pem");
                Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
                Files.write(dir.resolve("jwt-private.pk8"), pair.getPrivate().getEncoded());
                return new Keys(pem);
            } catch (NoSuchAlgorithmException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
