package org.lraext.quarkus.deployment.nonjaxrs;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lraext.quarkus.deployment.CoordinatorView;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * A plain callback's {@code Response} holding a {@code ParticipantStatus} is answered as a JAX-RS callback's is: the
 * status name as text (not JSON), and a 200 mapped to the code the status means.
 */
class ResponseParticipantTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ResponseParticipant.class, CoordinatorView.class));

    @Test
    void statusNamesAreTextAndCodesFollowThem() {
        String lra = CoordinatorView.coordinatorUrl() + "/0_direct";
        String proxy = "/lra-participant-proxy/" + ResponseParticipant.class.getName();
        Response compensate = given().header("Long-Running-Action", lra).put(proxy + "/compensate");
        assertEquals(409, compensate.statusCode());
        assertEquals("FailedToCompensate", compensate.asString());
        Response status = given().header("Long-Running-Action", lra).get(proxy + "/status");
        assertEquals(200, status.statusCode());
        assertEquals("Compensating", status.asString());
        assertEquals("text/plain", status.contentType().split(";")[0]);
    }
}
