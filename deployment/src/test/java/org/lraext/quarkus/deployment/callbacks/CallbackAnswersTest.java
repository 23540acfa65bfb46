package org.lraext.quarkus.deployment.callbacks;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.eclipse.microprofile.lra.annotation.ParticipantStatus;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lraext.quarkus.deployment.CoordinatorView;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * Callback answers as the coordinator understands them, @AfterLRA with the final status, @Leave, and a configured
 * base URI for the callbacks.
 */
class CallbackAnswersTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(CallbackResource.class, CoordinatorView.class))
            .overrideConfigKey("quarkus.lra.base-uri", "http://127.0.0.1:${quarkus.http.test-port:8081}/");

    private static Response compensateAnswering(ParticipantStatus status) {
        CallbackResource.compensateAnswer = status;
        // one LRA per answer: a second delivery for an LRA already compensated is answered from memory
        return given().header(LRA.LRA_HTTP_CONTEXT_HEADER, CoordinatorView.coordinatorUrl() + "/0_" + status.name())
                .put("/cb/compensate");
    }

    @Test
    void participantStatusBecomesTheSpecStatusCode() {
        assertEquals(200, compensateAnswering(ParticipantStatus.Compensated).statusCode());
        Response working = compensateAnswering(ParticipantStatus.Compensating);
        assertEquals(202, working.statusCode());
        Response failed = compensateAnswering(ParticipantStatus.FailedToCompensate);
        assertEquals(409, failed.statusCode());
        assertEquals("FailedToCompensate", failed.asString());
        CallbackResource.compensateAnswer = ParticipantStatus.Compensated;
    }

    @Test
    void voidForgetAnswers200() {
        assertEquals(200, given().delete("/cb/forget").statusCode());
    }

    @Test
    void closeCompletesAndCallsAfterWithTheFinalStatus() {
        String lra = given().get("/cb/work").asString();
        given().put(CoordinatorView.coordinatorUrl() + "/" + lra.substring(lra.lastIndexOf('/') + 1) + "/close");
        assertTrue(CallbackResource.COMPLETED.contains(lra), "the configured base URI reached the callbacks");
        await().atMost(Duration.ofSeconds(10)).until(() -> "Closed".equals(CallbackResource.AFTER.get(lra)));
    }

    @Test
    void leaveRemovesTheParticipant() {
        String lra = given().get("/cb/work").asString();
        Response left = given().header(LRA.LRA_HTTP_CONTEXT_HEADER, lra).put("/cb/leave");
        assertEquals(200, left.statusCode(), left.asString());
        assertEquals("left " + lra, left.asString());
        CoordinatorView.cancel(lra);
        await().atMost(Duration.ofSeconds(10)).until(() -> "gone".equals(CoordinatorView.status(lra)));
        assertFalse(CallbackResource.COMPENSATED.contains(lra), "a participant that left is not compensated");
    }
}
