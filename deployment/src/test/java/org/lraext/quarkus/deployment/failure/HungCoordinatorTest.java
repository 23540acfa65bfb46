package org.lraext.quarkus.deployment.failure;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lraext.quarkus.deployment.Listener;
import org.lraext.quarkus.deployment.types.TypeResource;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * A coordinator that accepts the connection but never answers: the request gets 503 with a message after the
 * configured request timeout, never a hang; a coordinator host that does not accept connections at all gets the
 * same after the connect timeout. Several such requests at once do not block the event loop: the others are served.
 */
class HungCoordinatorTest {

    static final Listener SILENT = Listener.silent("hung");
    static final ServerSocket NOT_ACCEPTING = Listener.notAccepting();

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TypeResource.class, Listener.class))
            .overrideConfigKey("quarkus.lra.coordinator-url", "http://127.0.0.1:" + SILENT.port() + "/lra-coordinator")
            .overrideConfigKey("quarkus.lra.trusted-coordinators",
                    "http://127.0.0.1:" + NOT_ACCEPTING.getLocalPort() + "/lra-coordinator")
            .overrideConfigKey("quarkus.lra.coordinator.connect-timeout", "1s")
            .overrideConfigKey("quarkus.lra.coordinator.request-timeout", "1500ms");

    private static long timed(Runnable r) {
        long started = System.nanoTime();
        r.run();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    @Test
    void noAnswerGives503AfterTheRequestTimeout() {
        Response[] r = new Response[1];
        long millis = timed(() -> r[0] = given().get("/types/required"));
        assertEquals(503, r[0].statusCode(), r[0].asString());
        assertTrue(r[0].asString().contains("coordinator"), r[0].asString());
        assertTrue(millis >= 1400 && millis < 6000, "answered after " + millis + " ms, request timeout 1.5 s");
        System.out.printf("[timeouts] silent coordinator: 503 after %d ms (request-timeout 1500 ms): %s%n", millis,
                r[0].asString());
    }

    @Test
    void noConnectionGives503AfterTheConnectTimeout() {
        String lra = "http://127.0.0.1:" + NOT_ACCEPTING.getLocalPort() + "/lra-coordinator/0_1";
        Response[] r = new Response[1];
        long millis = timed(() -> r[0] = given().header("Long-Running-Action", lra).get("/types/mandatory"));
        assertEquals(503, r[0].statusCode(), r[0].asString());
        assertTrue(millis >= 900 && millis < 6000, "answered after " + millis + " ms, connect timeout 1 s");
        System.out.printf("[timeouts] coordinator not accepting: 503 after %d ms (connect-timeout 1000 ms): %s%n", millis,
                r[0].asString());
    }

    @Test
    void waitingRequestsDoNotBlockOthers() throws Exception {
        given().get("/types/supports"); // warm-up: the first request of a test pays for class loading
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var waiting = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 8; i++) {
                waiting.add(pool.submit(() -> given().get("/types/required").statusCode()));
            }
            Thread.sleep(200); // let them reach the coordinator call
            long millis = timed(() -> assertEquals(200, given().get("/types/supports").statusCode()));
            assertTrue(millis < 500, "a request outside any LRA waited " + millis + " ms behind the waiting ones");
            assertTrue(waiting.stream().noneMatch(java.util.concurrent.Future::isDone),
                    "the other requests still wait for the coordinator");
            for (var f : waiting) {
                assertEquals(503, f.get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
