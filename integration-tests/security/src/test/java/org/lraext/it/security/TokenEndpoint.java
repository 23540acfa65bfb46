package org.lraext.it.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * The tests' own OAuth 2 token endpoint (the client-credentials grant), over https on loopback: one client, whose id
 * and secret it checks (HTTP Basic, as {@code quarkus-oidc-client} sends them), gets a JWT with the participant role
 * that lives {@code lifetime}. Counts the tokens it gave, so a test can see that the client came back for a new one.
 */
final class TokenEndpoint implements AutoCloseable {

    private final HttpsServer server;
    private final AtomicInteger issued = new AtomicInteger();

    private TokenEndpoint(HttpsServer server) {
        this.server = server;
    }

    static TokenEndpoint start(SecureSetup setup, String clientId, String secret, Duration lifetime) {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.setHttpsConfigurator(new HttpsConfigurator(tls(setup.keyStore("participant-server"))));
            TokenEndpoint endpoint = new TokenEndpoint(server);
            String expected = "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret)
                    .getBytes(StandardCharsets.UTF_8));
            server.createContext("/token", exchange -> endpoint.answer(exchange, expected, setup.tokens, clientId,
                    lifetime));
            server.start();
            return endpoint;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void answer(HttpExchange exchange, String expected, Tokens tokens, String clientId, Duration lifetime)
            throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String form = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!"POST".equals(exchange.getRequestMethod()) || !form.contains("grant_type=client_credentials")) {
                send(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
            } else if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, "{\"error\":\"invalid_client\"}");
            } else {
                issued.incrementAndGet();
                send(exchange, 200, "{\"access_token\":\"" + tokens.validFor(clientId, lifetime, "lra-participant")
                        + "\",\"token_type\":\"Bearer\",\"expires_in\":" + lifetime.toSeconds() + "}");
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static SSLContext tls(Path keyStore) {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            char[] password = SecureSetup.PASSWORD.toCharArray();
            store.load(in, password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code https://localhost:<port>}. */
    String url() {
        return "https://localhost:" + server.getAddress().getPort();
    }

    /** How many tokens it gave. */
    int issued() {
        return issued.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
