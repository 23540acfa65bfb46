package org.lraext.quarkus.deployment.nonjaxrs;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import jakarta.inject.Inject;

import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lraext.quarkus.deployment.CoordinatorView;

import io.quarkus.test.QuarkusUnitTest;

/**
 * Two plain-method participants in one LRA, both reached through the one proxy resource: each gets its own callback
 * (the proxy is not mistaken for a single participant, e.g. by the repeated-delivery memory).
 */
class TwoPlainParticipantsTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(PlainParticipant.class, UniParticipant.class, CoordinatorView.class));

    @Inject
    PlainParticipant plain;
    @Inject
    UniParticipant uni;

    @Test
    void bothAreCompensatedAndBothCompleted() {
        String cancelled = given().get("/plain/work").asString();
        given().header(LRA.LRA_HTTP_CONTEXT_HEADER, cancelled).get("/uni-plain/work").then().statusCode(200);
        CoordinatorView.cancel(cancelled);
        await().atMost(Duration.ofSeconds(10)).until(() -> plain.compensated(cancelled)
                && uni.compensated().contains(cancelled));

        String closed = given().get("/plain/work").asString();
        given().header(LRA.LRA_HTTP_CONTEXT_HEADER, closed).get("/uni-plain/work").then().statusCode(200);
        given().put(CoordinatorView.coordinatorUrl() + "/" + closed.substring(closed.lastIndexOf('/') + 1) + "/close");
        await().atMost(Duration.ofSeconds(10)).until(() -> plain.completed(closed) && uni.completed().contains(closed));
        assertEquals("gone", CoordinatorView.status(closed));
    }
}
