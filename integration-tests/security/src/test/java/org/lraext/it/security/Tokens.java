package org.lraext.it.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/**
 * Signs the tests' JWTs with the key {@link SecureSetup} made, and (re)writes token files as a secret mount
 * would: into a new file, then moved over the old one.
 */
final class Tokens {

    private final Path dir;
    private final PrivateKey key;

    Tokens(Path dir) {
        this.dir = dir;
        try {
            byte[] pk8 = Files.readAllBytes(dir.resolve("jwt-private.pk8"));
            this.key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pk8));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Valid for an hour, from the right issuer, with these roles ({@code groups}). */
    String valid(String subject, String... roles) {
        return sign(SecureSetup.ISSUER, subject, Instant.now().plusSeconds(3600), key, roles);
    }

    /** Valid for {@code lifetime} from now, from the right issuer, with these roles. */
    String validFor(String subject, java.time.Duration lifetime, String... roles) {
        return sign(SecureSetup.ISSUER, subject, Instant.now().plus(lifetime), key, roles);
    }

    /** Expired an hour ago. */
    String expired(String subject, String... roles) {
        return sign(SecureSetup.ISSUER, subject, Instant.now().minusSeconds(3600), key, roles);
    }

    /** Signed with the right key by another issuer. */
    String otherIssuer(String subject, String... roles) {
        return sign("someone-else", subject, Instant.now().plusSeconds(3600), key, roles);
    }

    /** From the right issuer, signed with a key nobody trusts. */
    String otherKey(String subject, String... roles) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return sign(SecureSetup.ISSUER, subject, Instant.now().plusSeconds(3600),
                    generator.generateKeyPair().getPrivate(), roles);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(String issuer, String subject, Instant expires, PrivateKey key, String... roles) {
        return Jwt.issuer(issuer).subject(subject).upn(subject).groups(Set.of(roles))
                .issuedAt(expires.minusSeconds(7200)).expiresAt(expires).sign(key);
    }

    /** Replaces a token file in one step (a new file moved over the old one). */
    void write(String file, String token) {
        try {
            Path next = dir.resolve(file + ".next");
            Files.writeString(next, token + "\n");
            Files.move(next, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
