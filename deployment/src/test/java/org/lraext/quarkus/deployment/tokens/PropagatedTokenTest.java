package org.lraext.quarkus.deployment.tokens;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.specification.RequestSpecification;

/**
 * {@code quarkus.lra.coordinator.propagate-token} with a service token from a file: the start, join and close of a
 * request's LRA carry the request's own bearer token; a request without one, or with something that is not one bearer
 * token, makes them carry the service's token; nothing else of the request's headers is sent on.
 */
class PropagatedTokenTest {

    static final RecordingCoordinator COORDINATOR = RecordingCoordinator.shared();
    static final Path TOKEN_FILE = serviceToken();

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TokenResource.class, RecordingCoordinator.class))
            .overrideConfigKey("quarkus.lra.coordinator-url", COORDINATOR.url())
            .overrideConfigKey("quarkus.lra.coordinator.propagate-token", "true")
            .overrideConfigKey("quarkus.lra.coordinator.token-file", TOKEN_FILE.toString());

    private static Path serviceToken() {
        try {
            Path file = Files.createTempFile("lra-service", ".token");
            Files.writeString(file, "service-token\n");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Authorization header of the start, join and close the request caused. */
    private static List<String> sentFor(RequestSpecification request) {
        COORDINATOR.take();
        assertEquals(200, request.post("/tokens").statusCode());
        List<String> calls = COORDINATOR.take();
        assertEquals(3, calls.size(), "start, join, close: " + calls);
        assertTrue(calls.get(0).startsWith("POST /lra-coordinator/start ") && calls.get(2).contains("/close "),
                calls.toString());
        return calls.stream().map(c -> c.substring(c.indexOf(' ', c.indexOf(' ') + 1) + 1)).distinct().toList();
    }

    @Test
    void theCallersBearerTokenIsSentOnItsLrasCalls() {
        assertEquals(List.of("Bearer caller-token"), sentFor(given().header("Authorization", "Bearer caller-token")));
        assertEquals(List.of("Bearer caller-token"), sentFor(given().header("Authorization", "bearer  caller-token ")),
                "the scheme in any case, the token trimmed");
    }

    @Test
    void withoutOneTheServicesTokenIsSent() {
        assertEquals(List.of("Bearer service-token"), sentFor(given()));
        assertEquals(List.of("Bearer service-token"), sentFor(given().header("Authorization", "Basic YWRhOnNlY3JldA==")),
                "other schemes are not sent on");
        assertEquals(List.of("Bearer service-token"), sentFor(given().header("Authorization", "Bearer two tokens")),
                "something that is not one token is not sent on");
        assertEquals(List.of("Bearer service-token"), sentFor(given().header("Authorization", "Bearer " + "x".repeat(
                17 * 1024))), "an oversized token is not sent on");
    }
}
