package org.lraext.quarkus.deployment.types;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lraext.quarkus.deployment.CoordinatorView;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * Each {@link LRA.Type}, with and without an incoming LRA, checked against the real coordinator's view (Dev Services
 * starts it).
 */
class LraTypesTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TypeResource.class, CoordinatorView.class));

    private static Response call(String path, String lra) {
        var spec = given();
        if (lra != null) {
            spec = spec.header(LRA.LRA_HTTP_CONTEXT_HEADER, lra);
        }
        return spec.get("/types/" + path);
    }

    private static String lraSeen(Response r) {
        return r.asString().split("\\|")[0];
    }

    private static String parentSeen(Response r) {
        return r.asString().split("\\|")[1];
    }

    @Test
    void requiredStartsAnLraWithoutOne() {
        Response r = call("required", null);
        assertEquals(200, r.statusCode());
        String lra = lraSeen(r);
        assertTrue(lra.startsWith(CoordinatorView.coordinatorUrl() + "/"), lra);
        assertEquals(lra, r.header(LRA.LRA_HTTP_CONTEXT_HEADER), "the response carries the LRA");
        assertEquals("Active", CoordinatorView.status(lra), "end=false leaves it active");
        CoordinatorView.cancel(lra);
    }

    @Test
    void requiredJoinsTheIncomingLra() {
        String outer = CoordinatorView.start("test");
        Response r = call("required", outer);
        assertEquals(200, r.statusCode());
        assertEquals(outer, lraSeen(r));
        assertEquals("Active", CoordinatorView.status(outer));
        CoordinatorView.cancel(outer);
        await().atMost(Duration.ofSeconds(10)).until(() -> TypeResource.COMPENSATED.contains(outer));
    }

    @Test
    void requiredWithEndClosesAndCompletesTheParticipant() {
        Response r = call("required-end", null);
        assertEquals(200, r.statusCode());
        String lra = lraSeen(r);
        assertTrue(TypeResource.COMPLETED.contains(lra), "@Complete ran before the response");
        assertEquals("gone", CoordinatorView.status(lra));
        assertEquals(lra, r.header(LRA.LRA_HTTP_ENDED_CONTEXT_HEADER));
    }

    @Test
    void requiresNewSuspendsTheIncomingLra() {
        String outer = CoordinatorView.start("test");
        Response r = call("requires-new", outer);
        assertEquals(200, r.statusCode());
        String inner = lraSeen(r);
        assertNotEquals(outer, inner);
        assertEquals("null", parentSeen(r), "a new top-level LRA has no parent");
        assertEquals("Active", CoordinatorView.status(outer));
        assertEquals("Active", CoordinatorView.status(inner));
        CoordinatorView.cancel(inner);
        CoordinatorView.cancel(outer);
    }

    @Test
    void mandatoryRefusesARequestWithoutLra() {
        Response r = call("mandatory", null);
        assertEquals(412, r.statusCode());
        assertTrue(r.asString().contains("MANDATORY"), r.asString());
    }

    @Test
    void mandatoryJoins() {
        String outer = CoordinatorView.start("test");
        Response r = call("mandatory", outer);
        assertEquals(200, r.statusCode());
        assertEquals(outer, lraSeen(r));
        CoordinatorView.cancel(outer);
    }

    @Test
    void supportsRunsOutsideOrJoins() {
        Response without = call("supports", null);
        assertEquals(200, without.statusCode());
        assertEquals("null", lraSeen(without));
        String outer = CoordinatorView.start("test");
        Response with = call("supports", outer);
        assertEquals(outer, lraSeen(with));
        CoordinatorView.cancel(outer);
    }

    @Test
    void notSupportedHidesTheIncomingLra() {
        String outer = CoordinatorView.start("test");
        Response r = call("not-supported", outer);
        assertEquals(200, r.statusCode());
        assertEquals("null", lraSeen(r));
        assertEquals("Active", CoordinatorView.status(outer), "the suspended LRA is untouched");
        CoordinatorView.cancel(outer);
    }

    @Test
    void neverRefusesARequestInAnLra() {
        assertEquals("null", lraSeen(call("never", null)));
        String outer = CoordinatorView.start("test");
        Response r = call("never", outer);
        assertEquals(412, r.statusCode());
        assertTrue(r.asString().contains("NEVER"), r.asString());
        assertEquals("Active", CoordinatorView.status(outer));
        CoordinatorView.cancel(outer);
    }

    @Test
    void nestedStartsAChildOfTheIncomingLra() {
        String outer = CoordinatorView.start("test");
        Response r = call("nested", outer);
        assertEquals(200, r.statusCode());
        String child = lraSeen(r);
        assertNotEquals(outer, child);
        assertEquals(outer, parentSeen(r));
        assertNotNull(child);
        assertEquals("Active", CoordinatorView.status(child));
        CoordinatorView.cancel(outer);
        await().atMost(Duration.ofSeconds(10)).until(() -> TypeResource.COMPENSATED.contains(child));
    }

    @Test
    void endedNestedLraHandsTheParentBack() {
        String outer = CoordinatorView.start("test");
        Response r = given().header(LRA.LRA_HTTP_CONTEXT_HEADER, outer).get("/types/nested-end");
        assertEquals(200, r.statusCode());
        String child = r.asString();
        assertNotEquals(outer, child);
        assertEquals(outer, r.header(LRA.LRA_HTTP_CONTEXT_HEADER), "the caller goes on in the parent");
        assertEquals(child, r.header(LRA.LRA_HTTP_ENDED_CONTEXT_HEADER), "the nested LRA was closed");
        assertEquals("Active", CoordinatorView.status(outer));
        CoordinatorView.cancel(outer);
    }

    @Test
    void closedNestedLraIsCompensatedWhenItsParentIsCancelled() {
        String outer = CoordinatorView.start("test");
        String child = given().header(LRA.LRA_HTTP_CONTEXT_HEADER, outer).get("/types/nested-end").asString();
        assertTrue(TypeResource.COMPLETED.contains(child), "the nested LRA closed: its participant completed");
        CoordinatorView.cancel(outer);
        // a completed nested participant stays compensatable until its parent ends
        await().atMost(Duration.ofSeconds(10)).until(() -> TypeResource.COMPENSATED.contains(child));
    }

    @Test
    void neverRefusesEvenAnUnknownCoordinatorsLraWithoutCallingIt() {
        Response r = call("never", "http://something/like/an/URI");
        assertEquals(412, r.statusCode(), "the type's rule comes before the id's checks");
    }

    @Test
    void nestedWithoutIncomingStartsTopLevel() {
        Response r = call("nested", null);
        assertEquals("null", parentSeen(r));
        CoordinatorView.cancel(lraSeen(r));
    }

    @Test
    void clientErrorCancelsAndCompensates() {
        Response r = call("fail?status=409", null);
        assertEquals(409, r.statusCode());
        String lra = r.header(LRA.LRA_HTTP_CONTEXT_HEADER);
        assertTrue(TypeResource.COMPENSATED.contains(lra), "cancelOnFamily defaults to 4xx and 5xx, even with end=false");
        assertEquals("gone", CoordinatorView.status(lra));
    }

    @Test
    void unmappedExceptionCancels() {
        Response r = call("throw", null);
        assertEquals(500, r.statusCode());
        String lra = TypeResource.THROWN_IN.get(TypeResource.THROWN_IN.size() - 1);
        // Quarkus answers an unmapped exception itself, past the response filters: the LRA is cancelled as the
        // request completes, just after the answer
        await().atMost(Duration.ofSeconds(10)).until(() -> TypeResource.COMPENSATED.contains(lra));
        await().atMost(Duration.ofSeconds(10)).until(() -> "gone".equals(CoordinatorView.status(lra)));
        assertTrue(!TypeResource.COMPLETED.contains(lra));
    }

    @Test
    void cancelOnCodeCancelsAndOtherCodesClose() {
        Response cancelled = call("cancel-on?status=202", null);
        assertEquals(202, cancelled.statusCode());
        assertTrue(TypeResource.COMPENSATED.contains(cancelled.header(LRA.LRA_HTTP_CONTEXT_HEADER)));
        Response closed = call("cancel-on?status=500", null);
        assertEquals(500, closed.statusCode());
        assertTrue(TypeResource.COMPLETED.contains(closed.header(LRA.LRA_HTTP_CONTEXT_HEADER)),
                "cancelOnFamily = {} so a 500 closes");
    }

    @Test
    void malformedAndUntrustedHeadersAreRefused() {
        Response notUrl = call("required", "not a url");
        assertEquals(400, notUrl.statusCode());
        Response other = call("required", "http://evil.example:50000/lra-coordinator/0_1");
        assertEquals(403, other.statusCode());
        assertTrue(other.asString().contains("trusted"), other.asString());
    }
}
