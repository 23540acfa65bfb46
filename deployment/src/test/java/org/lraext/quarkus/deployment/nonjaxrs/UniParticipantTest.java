package org.lraext.quarkus.deployment.nonjaxrs;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lraext.quarkus.deployment.CoordinatorView;

import io.quarkus.test.QuarkusUnitTest;

/**
 * Mutiny {@code Uni} accepted on every kind of plain-method callback, and @Forget called after a participant failed
 * to complete.
 */
class UniParticipantTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(UniParticipant.class, CoordinatorView.class));

    @Inject
    UniParticipant participant;

    private static void end(String lra, String how) {
        given().put(CoordinatorView.coordinatorUrl() + "/" + lra.substring(lra.lastIndexOf('/') + 1) + "/" + how);
    }

    @Test
    void uniCompleteAndAfter() {
        String lra = given().get("/uni-plain/work").asString();
        end(lra, "close");
        assertTrue(participant.completed().contains(lra), "the Uni @Complete resolved before the close returned");
        await().atMost(Duration.ofSeconds(10)).until(() -> participant.after().get(lra) == LRAStatus.Closed);
        assertFalse(participant.forgotten().contains(lra));
        assertTrue(participant.threads().stream().noneMatch(t -> t.contains("eventloop")),
                () -> "plain-method callbacks run on worker threads (they may block), never on an event loop: " + participant.threads());
    }

    @Test
    void uniCompensateAndAfter() {
        String lra = given().get("/uni-plain/work").asString();
        end(lra, "cancel");
        await().atMost(Duration.ofSeconds(10)).until(() -> participant.compensated().contains(lra));
        await().atMost(Duration.ofSeconds(10)).until(() -> participant.after().get(lra) == LRAStatus.Cancelled);
    }

    @Test
    void failedCompletionIsForgotten() {
        String lra = given().queryParam("fail", true).get("/uni-plain/work").asString();
        end(lra, "close");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            given().get(CoordinatorView.coordinatorUrl() + "/recovery");
            return participant.forgotten().contains(lra);
        });
        assertFalse(participant.completed().contains(lra));
        await().atMost(Duration.ofSeconds(10)).until(() -> participant.after().get(lra) == LRAStatus.FailedToClose);
    }

    @Test
    void uniStatusAnswersThroughTheProxy() {
        String lra = given().get("/uni-plain/work").asString();
        io.restassured.response.Response status = given().header("Long-Running-Action", lra)
                .get("/lra-participant-proxy/" + UniParticipant.class.getName() + "/status");
        assertEquals(200, status.statusCode());
        assertEquals("Completed", status.asString());
        assertTrue(participant.statusAsked().contains(lra));
        end(lra, "cancel");
    }
}
