package org.lraext.quarkus.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.smallrye.certs.CertificateGenerator;
import io.smallrye.certs.CertificateRequest;
import io.smallrye.certs.Format;
import io.smallrye.jwt.build.Jwt;

/**
 * The security of a dev coordinator that asks for it ({@code quarkus.lra.devservices.tls}, {@code .jwt}): a
 * certificate for {@code localhost} and the authority the application trusts, an RSA key pair for JWTs and the tokens
 * of the application ({@code lra-participant}), the coordinator's callbacks ({@code lra-coordinator}) and an
 * administrator ({@code lra-admin}), all made in the coordinator's directory, valid for {@link #VALIDITY}.
 */
final class DevSecurity {

    static final String TLS_CONFIGURATION = "lra-devservices";
    static final String ISSUER = "lra-devservices";
    static final Duration VALIDITY = Duration.ofDays(30);

    private final boolean tls;
    private final boolean jwt;
    private Path dir;

    DevSecurity(boolean tls, boolean jwt) {
        this.tls = tls;
        this.jwt = jwt;
    }

    boolean tls() {
        return tls;
    }

    boolean jwt() {
        return jwt;
    }

    /** Makes everything in {@code dir}; the coordinator's JVM options for it. */
    List<String> prepare(Path coordinatorDir) {
        dir = coordinatorDir.resolve("security");
        List<String> options = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            if (tls) {
                // (replaced at every start: a coordinator with a fixed port finds its directory again)
                new CertificateGenerator(dir, true).generate(new CertificateRequest().withName("lra-coordinator")
                        .withCN("localhost").withSubjectAlternativeName("DNS:localhost")
                        .withSubjectAlternativeName("IP:127.0.0.1").withFormat(Format.PEM).withDuration(VALIDITY));
                options.add("-Dquarkus.tls.key-store.pem.0.cert=" + dir.resolve("lra-coordinator.crt"));
                options.add("-Dquarkus.tls.key-store.pem.0.key=" + dir.resolve("lra-coordinator.key"));
                options.add("-Dquarkus.http.insecure-requests=disabled");
            }
            if (jwt) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair keys = generator.generateKeyPair();
                Files.writeString(publicKey(), "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(keys.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
                write(participantToken(), sign(keys, "lra-devservices-participant", "lra-participant"));
                write(adminToken(), sign(keys, "lra-devservices-admin", "lra-admin"));
                write(dir.resolve("coordinator.token"), sign(keys, "lra-devservices-coordinator", "lra-coordinator"));
                options.add("-Dlra.coordinator.auth=true");
                options.add("-Dmp.jwt.verify.issuer=" + ISSUER);
                options.add("-Dmp.jwt.verify.publickey.location=" + publicKey());
                options.add("-Dlra.coordinator.callback-token-file=" + dir.resolve("coordinator.token"));
                // the application (plain http in dev mode) and the coordinator's own nested-LRA endpoints are on this
                // machine: the token goes there only
                options.add("-Dlra.coordinator.callback-token-origins=http://localhost,http://127.0.0.1,"
                        + "https://localhost,https://127.0.0.1");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not make the dev coordinator's keys in " + dir, e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not make the dev coordinator's certificate or keys in " + dir, e);
        }
        return options;
    }

    private static String sign(KeyPair keys, String subject, String role) {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER).subject(subject).upn(subject).groups(Set.of(role)).issuedAt(now)
                .expiresAt(now.plus(VALIDITY)).sign(keys.getPrivate());
    }

    /** A token file only its owner may read, where the file system says who may. */
    private static void write(Path file, String token) throws IOException {
        Files.writeString(file, token + "\n");
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its default permissions
        }
    }

    /** The authority the application trusts (PEM). */
    Path trustedCertificate() {
        return dir.resolve("lra-coordinator-ca.crt");
    }

    Path participantToken() {
        return dir.resolve("participant.token");
    }

    Path adminToken() {
        return dir.resolve("admin.token");
    }

    Path publicKey() {
        return dir.resolve("jwt-public.pem");
    }

    /** For the readiness check: trusts the coordinator's authority only. */
    SSLContext sslContext() {
        try (InputStream in = Files.newInputStream(trustedCertificate())) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("lra-devservices", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
