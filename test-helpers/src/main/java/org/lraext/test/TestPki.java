package org.lraext.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates for tests, made with the JDK's {@code keytool} (no other tool, no network): a certificate authority,
 * certificates it signs for loopback servers and for clients (PKCS#12 key stores), a trust store holding the
 * authority, and the authority's certificate as PEM. Everything lives in one directory; every store's password is
 * {@link #PASSWORD}. Valid for two days.
 */
public final class TestPki {

    public static final String PASSWORD = "lra-test-secret";

    private final Path dir;
    private final String ca;

    private TestPki(Path dir, String ca) {
        this.dir = dir;
        this.ca = ca;
    }

    /** A new authority named {@code name} in {@code dir} (created if needed). */
    public static TestPki authority(Path dir, String name) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TestPki pki = new TestPki(dir, name);
        Path store = pki.keyStore(name);
        pki.keytool("-genkeypair", "-alias", name, "-dname", "CN=" + name, "-ext", "bc:c", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        pki.keytool("-exportcert", "-rfc", "-alias", name, "-keystore", store.toString(), "-storepass", PASSWORD,
                "-file", pki.certificate(name).toString());
        pki.keytool("-importcert", "-noprompt", "-alias", name, "-file", pki.certificate(name).toString(), "-keystore",
                pki.trustStore().toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        return pki;
    }

    /**
     * A key store holding a key and its certificate, signed by this authority, for the subject {@code CN=<name>};
     * valid for {@code localhost} and {@code 127.0.0.1} (so it serves loopback servers and clients alike).
     */
    public Path issue(String name) {
        Path store = keyStore(name);
        keytool("-genkeypair", "-alias", name, "-dname", "CN=" + name, "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD,
                "-keypass", PASSWORD);
        Path request = dir.resolve(name + ".csr");
        keytool("-certreq", "-alias", name, "-keystore", store.toString(), "-storepass", PASSWORD, "-file",
                request.toString());
        Path signed = certificate(name);
        keytool("-gencert", "-alias", ca, "-keystore", keyStore(ca).toString(), "-storepass", PASSWORD, "-infile",
                request.toString(), "-outfile", signed.toString(), "-rfc", "-validity", "2",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-ext", "EKU=serverAuth,clientAuth");
        keytool("-importcert", "-noprompt", "-alias", ca, "-file", certificate(ca).toString(), "-keystore",
                store.toString(), "-storepass", PASSWORD);
        keytool("-importcert", "-alias", name, "-file", signed.toString(), "-keystore", store.toString(), "-storepass",
                PASSWORD);
        return store;
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

    private void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Path log = dir.resolve("keytool.log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("keytool did not finish: " + command);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed (" + p.exitValue() + "): " + command + "; see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
