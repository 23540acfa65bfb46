package org.lraext.quarkus.deployment.spec;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lraext.quarkus.deployment.CoordinatorView;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

class SpecTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(SpecResource.class, CoordinatorView.class));

    @Test
    void classLevelCancelOnCancels() {
        Response cancelled = given().header("X-Status", 202).get("/spec/class-level");
        assertEquals(202, cancelled.statusCode());
        assertTrue(SpecResource.COMPENSATED.contains(cancelled.header(LRA.LRA_HTTP_CONTEXT_HEADER)));
        Response closed = given().header("X-Status", 500).get("/spec/class-level");
        assertTrue(SpecResource.COMPLETED.contains(closed.header(LRA.LRA_HTTP_CONTEXT_HEADER)),
                "cancelOnFamily = {} at class level: a 500 closes");
    }

    @Test
    void timeLimitExpiresAndCompensates() {
        String lra = given().get("/spec/short").asString();
        await().atMost(Duration.ofSeconds(15)).until(() -> SpecResource.COMPENSATED.contains(lra));
        assertFalse(SpecResource.COMPLETED.contains(lra));
    }

    @Test
    void uniEndpointAndUniCallbacks() {
        Response r = given().get("/spec/uni");
        assertEquals(200, r.statusCode());
        String lra = r.asString();
        assertTrue(SpecResource.COMPLETED.contains(lra), "the Uni @Complete ran before the answer");
        assertEquals("gone", CoordinatorView.status(lra));
    }

    @Test
    void completingAnswerIsFinishedThroughStatus() {
        String lra = given().get("/spec/slow").asString();
        given().put(CoordinatorView.coordinatorUrl() + "/" + lra.substring(lra.lastIndexOf('/') + 1) + "/close");
        assertFalse(SpecResource.COMPLETED.contains(lra), "the first @Complete answered 202: still completing");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            // a recovery scan makes the coordinator ask @Status now rather than at its next periodic pass
            given().get(CoordinatorView.coordinatorUrl() + "/recovery");
            return SpecResource.COMPLETED.contains(lra) && "gone".equals(CoordinatorView.status(lra));
        });
    }
}
