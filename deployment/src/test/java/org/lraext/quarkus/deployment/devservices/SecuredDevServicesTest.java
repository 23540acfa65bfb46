package org.lraext.quarkus.deployment.devservices;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * {@code quarkus.lra.devservices.tls} and {@code .jwt}: the dev coordinator serves https only with a certificate made
 * for it and wants a JWT on every call; the application is configured to trust it and to send its token, without a
 * setting of its own, and the coordinator's callbacks carry the coordinator's token.
 */
class SecuredDevServicesTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(SecuredSteps.class))
            .overrideConfigKey("quarkus.lra.devservices.tls", "true")
            .overrideConfigKey("quarkus.lra.devservices.jwt", "true");

    private static String config(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }

    @Test
    void anLraRunsOnTheHttpsCoordinatorWithTokensBothWays() throws Exception {
        String coordinator = config("quarkus.lra.coordinator-url");
        assertTrue(coordinator.startsWith("https://localhost:"), coordinator);

        Response r = given().post("/secured-steps");
        assertEquals(200, r.statusCode(), r.asString());
        String lra = r.asString();
        assertTrue(lra.startsWith(coordinator + "/"), lra);
        await().atMost(Duration.ofSeconds(20)).until(() -> SecuredSteps.COMPLETED.containsKey(lra));
        assertTrue(SecuredSteps.COMPLETED.get(lra).startsWith("Bearer "),
                "the callback carried the coordinator's token: " + SecuredSteps.COMPLETED.get(lra));

        HttpClient client = HttpClient.newBuilder().sslContext(trusting(
                Path.of(config("quarkus.tls.lra-devservices.trust-store.pem.certs")))).build();
        HttpRequest.Builder list = HttpRequest.newBuilder(URI.create(coordinator)).timeout(Duration.ofSeconds(10));
        assertEquals(401, client.send(list.build(), HttpResponse.BodyHandlers.ofString()).statusCode(),
                "no token: refused");
        String admin = Files.readString(Path.of(config("lra-devservices.admin-token-file"))).strip();
        assertEquals(200, client.send(list.header("Authorization", "Bearer " + admin).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode(), "the administrator's token lists the LRAs");
        assertTrue(Files.isRegularFile(Path.of(config("lra-devservices.jwt-public-key"))));
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
