package org.lraext.quarkus.deployment.failure;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lraext.quarkus.deployment.types.TypeResource;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * A coordinator that cannot be reached: the request gets 503 with a message, within the connect timeout.
 */
class CoordinatorDownTest {

    private static final int CLOSED_PORT = closedPort();

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TypeResource.class))
            .overrideConfigKey("quarkus.lra.coordinator-url", "http://127.0.0.1:" + CLOSED_PORT + "/lra-coordinator")
            .overrideConfigKey("quarkus.lra.coordinator.connect-timeout", "1s");

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void startFailsWith503() {
        long started = System.nanoTime();
        Response r = given().get("/types/required");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals(503, r.statusCode());
        assertTrue(r.asString().contains("coordinator") && r.asString().contains("unavailable"), r.asString());
        assertTrue(millis < 5000, "answered after " + millis + " ms");
    }

    @Test
    void readinessIsDown() {
        Response r = given().get("/q/health/ready");
        assertEquals(503, r.statusCode(), r.asString());
        assertTrue(r.asString().contains("LRA coordinator reachable") && r.asString().contains("DOWN"), r.asString());
    }

    @Test
    void methodsOutsideAnLraStillWork() {
        assertEquals(200, given().get("/types/supports").statusCode());
    }
}
