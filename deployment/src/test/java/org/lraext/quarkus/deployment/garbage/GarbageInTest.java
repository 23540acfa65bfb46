package org.lraext.quarkus.deployment.garbage;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;

import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lraext.quarkus.deployment.Listener;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * A request the application refuses before its method runs starts, joins and leaves no LRA: the coordinator here is a
 * listener that counts connections, and every refused request leaves the count as it was. Rules that need no body
 * (MANDATORY without an LRA) still answer first. A valid request does reach the coordinator (which the listener then
 * fails), so the count would show any start.
 */
class GarbageInTest {

    static final Listener COORDINATOR = Listener.counting("garbage-in-coordinator");
    static final String URL = "http://127.0.0.1:" + COORDINATOR.port() + "/lra-coordinator";
    static final String IN_LRA = URL + "/0_ffff7f000001_1";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(BookingResource.class, Listener.class))
            .overrideConfigKey("quarkus.lra.coordinator-url", URL);

    private static final String VALID = "{\"passenger\":\"Ada\",\"nights\":2}";

    private static Response post(String path, String contentType, String body, String lra) {
        var request = given().contentType(contentType).body(body);
        if (lra != null) {
            request.header(LRA.LRA_HTTP_CONTEXT_HEADER, lra);
        }
        return request.post(path);
    }

    private static Response refusedWithoutLra(int status, Supplier<Response> call) {
        int before = COORDINATOR.connections();
        Response r = call.get();
        assertEquals(status, r.statusCode(), r.asString());
        assertNull(r.getHeader(LRA.LRA_HTTP_CONTEXT_HEADER), "an LRA header in the answer");
        assertEquals(before, COORDINATOR.connections(), "the refused request reached the coordinator");
        return r;
    }

    @Test
    void aBodyThatIsNotJsonStartsNoLra() {
        refusedWithoutLra(400, () -> post("/bookings", "application/json", "this is { not json", null));
        refusedWithoutLra(400, () -> post("/bookings/unchecked", "application/json", "[1,2", null));
    }

    @Test
    void invalidFieldsAreNamedAndStartNoLra() {
        Response r = refusedWithoutLra(400,
                () -> post("/bookings", "application/json", "{\"passenger\":\"\",\"nights\":-1}", null));
        String report = r.asString();
        assertTrue(report.contains("passenger") && report.contains("nights"), report);
    }

    @Test
    void invalidFieldsJoinNothing() {
        // the LRA header names a trusted coordinator: a valid request would join there
        refusedWithoutLra(400, () -> post("/bookings", "application/json", "{\"nights\":0}", IN_LRA));
        refusedWithoutLra(400, () -> post("/bookings/mandatory", "application/json", "{\"nights\":0}", IN_LRA));
        refusedWithoutLra(400, () -> given().contentType("application/json").body("{\"nights\":0}")
                .header(LRA.LRA_HTTP_CONTEXT_HEADER, IN_LRA).put("/bookings/leave"));
    }

    @Test
    void anUnsupportedMediaTypeOrAnUnknownPathStartsNoLra() {
        refusedWithoutLra(415, () -> post("/bookings", "text/plain", VALID, null));
        refusedWithoutLra(404, () -> post("/bookings/nowhere", "application/json", VALID, null));
    }

    @Test
    void theTypeRulesThatNeedNoBodyStillAnswerFirst() {
        // MANDATORY without an LRA: 412 even though the body is garbage too
        Response r = refusedWithoutLra(412, () -> post("/bookings/mandatory", "application/json", "garbage", null));
        assertTrue(r.asString().contains("MANDATORY"), r.asString());
    }

    @Test
    void aValidRequestDoesReachTheCoordinator() {
        int before = COORDINATOR.connections();
        Response r = post("/bookings", "application/json", VALID, null);
        // the listener closes every connection: the start fails, and the caller is told the coordinator failed
        assertTrue(r.statusCode() >= 500, r.statusCode() + " " + r.asString());
        assertTrue(COORDINATOR.connections() > before, "the start did not reach the coordinator");
        before = COORDINATOR.connections();
        r = post("/bookings/mandatory", "application/json", VALID, IN_LRA);
        assertTrue(COORDINATOR.connections() > before, "the join did not reach the coordinator: " + r.statusCode());
    }
}
