package org.lraext.it.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.lraext.test.JavaService;
import org.lraext.test.TestPki;

/**
 * What a secured set-up needs, made by the test in a directory of its own: a certificate authority and certificates
 * for the coordinator, a participant (as client: {@code CN=lra-participant}, its role), a participant's https server
 * and an administrator; a second, unrelated authority with a participant certificate of its own; an RSA key pair for
 * JWTs; the coordinator's token file. Starts the packaged coordinator with security on: https only, a bearer JWT or a
 * client certificate on every call, callbacks over https with its own token.
 */
final class SecureSetup {

    static final String ISSUER = "lra-test";
    static final String CA = "lra-test-ca";
    static final String PASSWORD = TestPki.PASSWORD;

    final Path dir;
    final TestPki pki;
    final Path jwtPublicKey;
    final Tokens tokens;

    private SecureSetup(Path dir) {
        this.dir = dir;
        this.pki = TestPki.authority(dir.resolve("pki"), CA);
        for (String name : List.of("coordinator", "lra-participant", "lra-admin", "participant-server")) {
            pki.issue(name);
        }
        TestPki.authority(dir.resolve("rogue"), "rogue-ca").issue("lra-participant");
        this.jwtPublicKey = generateJwtKeys(dir);
        this.tokens = new Tokens(dir);
        tokens.write("coordinator.token", tokens.valid("lra-coordinator", "lra-coordinator"));
    }

    /** Everything made anew in {@code target/security/<name>}. */
    static SecureSetup create(String name) {
        Path dir = Path.of("target", "security", name).toAbsolutePath();
        delete(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SecureSetup(dir);
    }

    Path trustStore() {
        return pki.trustStore();
    }

    Path keyStore(String name) {
        return pki.keyStore(name);
    }

    /** A key store of the other authority, which the coordinator does not trust. */
    Path rogueKeyStore() {
        return dir.resolve("rogue").resolve("lra-participant.p12");
    }

    /** The packaged coordinator with security on, on {@code port}, not started yet. */
    JavaService coordinator(int port, String... more) {
        List<String> options = new ArrayList<>(List.of(
                "-Dquarkus.tls.key-store.p12.path=" + pki.keyStore("coordinator"),
                "-Dquarkus.tls.key-store.p12.password=" + PASSWORD,
                "-Dquarkus.tls.trust-store.p12.path=" + pki.trustStore(),
                "-Dquarkus.tls.trust-store.p12.password=" + PASSWORD,
                "-Dlra.coordinator.client-certificates=request",
                "-Dlra.coordinator.auth=true",
                "-Dmp.jwt.verify.issuer=" + ISSUER,
                "-Dmp.jwt.verify.publickey.location=" + jwtPublicKey,
                // (the tests make their tokens on this machine's clock: a second of skew for an expired one, not the
                // default minute; 0 would mean the default)
                "-Dmp.jwt.verify.clock.skew=1",
                // recovery passes as often as the tests ask for them (Narayana waits 10 s between its two passes)
                "-DRecoveryEnvironmentBean.recoveryBackoffPeriod=1",
                "-Dlra.coordinator.callback-token-file=" + dir.resolve("coordinator.token"),
                "-Dlra.coordinator.callback-token-origins=https://localhost",
                "-Dlra.coordinator.parent-pid=" + ProcessHandle.current().pid(),
                "-Dquarkus.transaction-manager.object-store.directory=" + dir.resolve("store")));
        options.addAll(List.of(more));
        return new JavaService("secure-coordinator", JavaService.jar("sample.coordinator.jar"), port, "/", options,
                dir.resolve("logs")).httpsOnly();
    }

    /** The base URL of a coordinator of {@link #coordinator} on {@code port}. */
    static String coordinatorUrl(int port) {
        return "https://localhost:" + port + "/lra-coordinator";
    }

    /**
     * The options of a participant that talks to the coordinator over TLS (TLS configuration {@code lra}): mutual TLS
     * with the participant certificate (which alone is a credential the coordinator accepts), or server TLS only.
     */
    List<String> participantOptions(String coordinatorUrl, boolean clientCertificate) {
        List<String> options = new ArrayList<>(List.of(
                "-Dquarkus.lra.coordinator-url=" + coordinatorUrl,
                "-Dquarkus.lra.coordinator.tls-configuration-name=lra",
                "-Dquarkus.tls.lra.trust-store.p12.path=" + pki.trustStore(),
                "-Dquarkus.tls.lra.trust-store.p12.password=" + PASSWORD));
        if (clientCertificate) {
            options.add("-Dquarkus.tls.lra.key-store.p12.path=" + pki.keyStore("lra-participant"));
            options.add("-Dquarkus.tls.lra.key-store.p12.password=" + PASSWORD);
        }
        options.addAll(List.of(
                // its own https server, for the coordinator's callbacks (which need the coordinator's token)
                "-Dquarkus.tls.key-store.p12.path=" + pki.keyStore("participant-server"),
                "-Dquarkus.tls.key-store.p12.password=" + PASSWORD,
                "-Dquarkus.lra.callbacks.roles-allowed=lra-coordinator",
                "-Dmp.jwt.verify.issuer=" + ISSUER,
                "-Dmp.jwt.verify.publickey.location=" + jwtPublicKey));
        return options;
    }

    /** The JWT signing key pair: the public key as PEM for the verifiers, the private key for {@link Tokens}. */
    private static Path generateJwtKeys(Path dir) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path pem = dir.resolve("jwt-public.pem");
            Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
            Files.write(dir.resolve("jwt-private.pk8"), pair.getPrivate().getEncoded());
            return pem;
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
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
}
