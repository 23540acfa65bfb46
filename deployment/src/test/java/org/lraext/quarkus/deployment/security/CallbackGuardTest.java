package org.lraext.quarkus.deployment.security;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lraext.quarkus.deployment.CoordinatorView;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * Without signing: callbacks naming an LRA of an untrusted coordinator never run; a repeated delivery of a finished
 * @Compensate or @Complete is answered again without running the business method twice.
 */
class CallbackGuardTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(GuardedResource.class, CoordinatorView.class));

    @Test
    void repeatedDeliveryRunsTheBusinessMethodOnce() {
        String lra = given().get("/guarded/work").asString();
        CoordinatorView.cancel(lra);
        await().atMost(Duration.ofSeconds(10)).until(() -> GuardedResource.COMPENSATED.contains(lra));
        for (int i = 0; i < 3; i++) {
            Response again = given().header(LRA.LRA_HTTP_CONTEXT_HEADER, lra).put("/guarded/compensate");
            assertEquals(200, again.statusCode());
            assertEquals("Compensated", again.asString());
            assertEquals("true", again.header("LRA-Callback-Repeated"));
        }
        assertEquals(1, GuardedResource.count(GuardedResource.COMPENSATED, lra));

        String closed = given().get("/guarded/work").asString();
        given().put(CoordinatorView.coordinatorUrl() + "/" + closed.substring(closed.lastIndexOf('/') + 1) + "/close");
        Response again = given().header(LRA.LRA_HTTP_CONTEXT_HEADER, closed).put("/guarded/complete");
        assertEquals(200, again.statusCode());
        assertEquals("Completed", again.asString());
        assertEquals(1, GuardedResource.count(GuardedResource.COMPLETED, closed));
    }

    @Test
    void aFirstDeliveryIsNotMistakenForARepeat() {
        String lra = CoordinatorView.start("first");
        Response r = given().header(LRA.LRA_HTTP_CONTEXT_HEADER, lra).put("/guarded/complete");
        assertEquals(200, r.statusCode());
        assertNull(r.header("LRA-Callback-Repeated"));
        assertEquals(1, GuardedResource.count(GuardedResource.COMPLETED, lra));
        CoordinatorView.cancel(lra);
    }

    @Test
    void callbacksForUntrustedOrMalformedLrasNeverRun() {
        String foreign = "http://127.0.0.2:1/lra-coordinator/0_1";
        Response r = given().header(LRA.LRA_HTTP_CONTEXT_HEADER, foreign).put("/guarded/compensate");
        assertEquals(403, r.statusCode());
        assertTrue(r.asString().contains("trusted"), r.asString());
        Response bad = given().header(LRA.LRA_HTTP_CONTEXT_HEADER, "not a url").put("/guarded/complete");
        assertEquals(400, bad.statusCode(), bad.asString());
        Response after = given().header(LRA.LRA_HTTP_ENDED_CONTEXT_HEADER, foreign).body("Closed").put("/guarded/after");
        assertEquals(403, after.statusCode());
        assertFalse(GuardedResource.COMPENSATED.contains(foreign));
        assertFalse(GuardedResource.COMPLETED.contains("not a url"));
        assertFalse(GuardedResource.AFTER.contains(foreign));
    }
}
