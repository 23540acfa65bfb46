package org.lraext.quarkus.deployment.nonjaxrs;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lraext.quarkus.deployment.CoordinatorView;

import io.quarkus.test.QuarkusUnitTest;

/**
 * Callbacks that are plain bean methods: the coordinator reaches them through the extension's proxy, on the
 * participant's own bean instance.
 */
class PlainParticipantTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(PlainParticipant.class, CoordinatorView.class));

    @Inject
    PlainParticipant participant;

    private static void end(String lra, String how) {
        given().put(CoordinatorView.coordinatorUrl() + "/" + lra.substring(lra.lastIndexOf('/') + 1) + "/" + how);
    }

    @Test
    void closeCallsTheCompleteMethodAndAfter() {
        String lra = given().get("/plain/work").asString();
        end(lra, "close");
        assertTrue(participant.completed(lra), "@Complete ran on the bean during close");
        await().atMost(Duration.ofSeconds(10)).until(() -> participant.after(lra) == LRAStatus.Closed);
        assertEquals("gone", CoordinatorView.status(lra));
    }

    @Test
    void cancelCallsTheAsynchronousCompensateMethod() {
        String lra = given().get("/plain/work").asString();
        end(lra, "cancel");
        await().atMost(Duration.ofSeconds(10)).until(() -> participant.compensated(lra));
        await().atMost(Duration.ofSeconds(10)).until(() -> participant.after(lra) == LRAStatus.Cancelled);
    }

    @Test
    void theProxyAnswersLikeAJaxRsParticipant() {
        String lra = CoordinatorView.coordinatorUrl() + "/0_direct";
        io.restassured.response.Response r = given().header("Long-Running-Action", lra)
                .put("/lra-participant-proxy/" + PlainParticipant.class.getName() + "/complete");
        assertEquals(200, r.statusCode());
        assertEquals("Completed", r.asString());
        io.restassured.response.Response status = given().header("Long-Running-Action", lra)
                .get("/lra-participant-proxy/" + PlainParticipant.class.getName() + "/status");
        assertEquals(200, status.statusCode());
        assertEquals("Completed", status.asString());
    }

    @Test
    void unknownParticipantIs404() {
        assertEquals(404, given().put("/lra-participant-proxy/com.example.Nope/compensate").statusCode());
    }
}
