package org.lraext.quarkus.deployment.inheritance;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lraext.quarkus.deployment.CoordinatorView;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * @LRA from an interface method and from a superclass, and participant callbacks inherited from a superclass.
 */
class InheritanceTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(OrderApi.class, BaseParticipant.class, OrderResource.class,
                    CancellingBase.class, RefundResource.class, CoordinatorView.class));

    @Test
    void interfaceMethodLraStartsAndEnlistsTheInheritedCallbacks() {
        Response r = given().get("/orders/place");
        assertEquals(200, r.statusCode());
        String lra = r.asString();
        assertTrue(lra.startsWith(CoordinatorView.coordinatorUrl()), lra);
        assertEquals("Active", CoordinatorView.status(lra));
        CoordinatorView.cancel(lra);
        await().atMost(Duration.ofSeconds(10)).until(() -> BaseParticipant.COMPENSATED.contains(lra));
    }

    @Test
    void cancelOnFromTheInterfaceCancels() {
        Response r = given().get("/orders/reject");
        assertEquals(202, r.statusCode());
        String lra = r.header(LRA.LRA_HTTP_CONTEXT_HEADER);
        assertTrue(BaseParticipant.COMPENSATED.contains(lra), "202 is in the interface's cancelOn");
        assertEquals("gone", CoordinatorView.status(lra));
    }

    @Test
    void superclassLevelLraApplies() {
        assertEquals(412, given().get("/orders/ship").statusCode(), "MANDATORY from the superclass");
        String lra = CoordinatorView.start("test");
        Response r = given().header(LRA.LRA_HTTP_CONTEXT_HEADER, lra).get("/orders/ship");
        assertEquals(200, r.statusCode());
        assertEquals(lra, r.asString());
        given().put(CoordinatorView.coordinatorUrl() + "/" + lra.substring(lra.lastIndexOf('/') + 1) + "/close");
        await().atMost(Duration.ofSeconds(10)).until(() -> BaseParticipant.COMPLETED.contains(lra));
    }

    @Test
    void cancelOnFromTheSuperclassCancels() {
        Response cancelled = given().queryParam("status", 409).get("/refunds/decide");
        assertEquals(409, cancelled.statusCode());
        String lra = cancelled.header(LRA.LRA_HTTP_CONTEXT_HEADER);
        assertTrue(CancellingBase.COMPENSATED.contains(lra), "409 is in the superclass's cancelOn");
        Response closed = given().queryParam("status", 500).get("/refunds/decide");
        String other = closed.header(LRA.LRA_HTTP_CONTEXT_HEADER);
        assertTrue(CancellingBase.COMPLETED.contains(other), "cancelOnFamily = {} on the superclass: a 500 closes");
        assertEquals("gone", CoordinatorView.status(other));
    }
}
