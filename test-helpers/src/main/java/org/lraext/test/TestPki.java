package org.lraext.test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates for tests, made in this JVM with BouncyCastle (add {@code org.bouncycastle:bcpkix-jdk18on} to the tests
 * that use it; no tool, no network): a certificate authority, certificates it signs for loopback servers and for
 * clients (PKCS#12 key stores), a trust store holding the authority, and the authority's certificate as PEM. EC P-256
 * keys: made in milliseconds. Everything lives in one directory; every store's password is {@link #PASSWORD}. Valid
 * for two days.
 */
public final class TestPki {

    public static final String PASSWORD = "lra-test-secret";
    private static final Duration VALIDITY = Duration.ofDays(2);
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final Path dir;
    private final String ca;
    private final KeyPair caKeys;
    private final X509Certificate caCertificate;

    private TestPki(Path dir, String ca, KeyPair caKeys, X509Certificate caCertificate) {
        this.dir = dir;
        this.ca = ca;
        this.caKeys = caKeys;
        this.caCertificate = caCertificate;
    }

    /** A new authority named {@code name} in {@code dir} (created if needed). */
    public static TestPki authority(Path dir, String name) {
        try {
            Files.createDirectories(dir);
            KeyPair keys = keyPair();
            X500Name subject = new X500Name("CN=" + name);
            X509v3CertificateBuilder builder = builder(subject, subject, keys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate certificate = sign(builder, keys.getPrivate());
            TestPki pki = new TestPki(dir, name, keys, certificate);
            pki.writePem(certificate, pki.certificate(name));
            KeyStore trust = emptyStore();
            trust.setCertificateEntry(name, certificate);
            pki.write(trust, pki.trustStore());
            pki.write(keyStore(name, keys.getPrivate(), certificate), pki.keyStore(name));
            return pki;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Could not make the test authority " + name, e);
        }
    }

    /**
     * A key store holding a key and its certificate (with the authority's after it), signed by this authority, for the
     * subject {@code CN=<name>}; valid for {@code localhost} and {@code 127.0.0.1}, as a server and as a client (so it
     * serves loopback servers and clients alike).
     */
    public Path issue(String name) {
        try {
            KeyPair keys = keyPair();
            X509v3CertificateBuilder builder = builder(new X500Name("CN=" + ca), new X500Name("CN=" + name), keys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[] { KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth }))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                            new GeneralName(GeneralName.dNSName, "localhost"),
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1") }));
            X509Certificate certificate = sign(builder, caKeys.getPrivate());
            writePem(certificate, certificate(name));
            Path store = keyStore(name);
            write(keyStore(name, keys.getPrivate(), certificate, caCertificate), store);
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Could not issue a test certificate for " + name, e);
        }
    }

    /** {@code <name>.p12}: the key store of {@code name}. */
    public Path keyStore(String name) {
        return dir.resolve(name + ".p12");
    }

    /** {@code <name>.crt}: the PEM certificate of {@code name}. */
    public Path certificate(String name) {
        return dir.resolve(name + ".crt");
    }

    /** A PKCS#12 trust store holding this authority's certificate. */
    public Path trustStore() {
        return dir.resolve(ca + "-trust.p12");
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private static KeyStore keyStore(String alias, PrivateKey key, Certificate... chain)
            throws GeneralSecurityException, IOException {
        KeyStore store = emptyStore();
        store.setKeyEntry(alias, key, PASSWORD.toCharArray(), chain);
        return store;
    }

    private void write(KeyStore store, Path file) throws GeneralSecurityException, IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD.toCharArray());
        }
    }

    private void writePem(X509Certificate certificate, Path file) throws GeneralSecurityException, IOException {
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(
                        certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
    }
}
