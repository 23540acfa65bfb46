package org.lraext.it.security;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.lraext.test.TestPki;

/**
 * A test's own HTTPS client towards the secured coordinator: trusts the test authority, shows a client certificate
 * when given one, sends a bearer token when given one. Each call either answers or throws {@link IOException} (a
 * refused handshake, a connection closed).
 */
final class SecureHttp {

    private final HttpClient client;

    private SecureHttp(HttpClient client) {
        this.client = client;
    }

    /** Trusting {@code trustStore}; showing the key store {@code clientKeyStore} when not null. */
    static SecureHttp of(Path trustStore, Path clientKeyStore) {
        try {
            char[] password = TestPki.PASSWORD.toCharArray();
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(trustStore, password));
            KeyManagerFactory keys = null;
            if (clientKeyStore != null) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(load(clientKeyStore, password), password);
            }
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return new SecureHttp(HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5))
                    .version(HttpClient.Version.HTTP_1_1).build());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Plain HTTP, no TLS at all. */
    static SecureHttp plain() {
        return new SecureHttp(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1).build());
    }

    private static KeyStore load(Path path, char[] password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, password);
        }
        return store;
    }

    HttpResponse<String> send(String method, String url, String token) throws IOException {
        return send(method, url, token, null, null);
    }

    /** With a JSON body, and an LRA header when {@code lra} is not null. */
    HttpResponse<String> send(String method, String url, String token, String json, String lra) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (lra != null) {
            request.header("Long-Running-Action", lra);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
