package org.lraext.it.packaged;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.junit.jupiter.api.Test;
import org.lraext.quarkus.test.LraCallback;
import org.lraext.quarkus.test.LraTestResource;
import org.lraext.quarkus.test.LraTesting;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.response.Response;

/**
 * {@code quarkus-lra-junit} against the packaged application (the jar; the native executable with -Pnative): the
 * application serves its journal, the test support reads it and the coordinator it names, and plain-method
 * participants are named by their own class.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(LraTestResource.class)
class LraTestingIT {

    @Test
    void closedAndCancelledOrders() {
        Response placed = given().post("/orders");
        assertEquals(201, placed.statusCode(), placed.asString());
        LraTesting.assertThatLra(placed.asString()).endsWithin(Duration.ofSeconds(10)).isClosed()
                .completedOnce(OrderResource.class).neverCompensated().callbacksSucceeded();

        Response refused = given().queryParam("refuse", true).post("/orders");
        assertEquals(409, refused.statusCode());
        LraTesting.assertThatLra(refused.header(LRA.LRA_HTTP_CONTEXT_HEADER)).endsWithin(Duration.ofSeconds(10))
                .isCancelled().compensatedOnce(OrderResource.class).neverCompleted();
    }

    @Test
    void plainMethodParticipantIsNamedByItsClass() {
        String lra = given().post("/orders/open").asString();
        assertEquals(200, given().header(LRA.LRA_HTTP_CONTEXT_HEADER, lra).post("/stock").statusCode());
        given().header(LRA.LRA_HTTP_CONTEXT_HEADER, lra).put("/orders/finish").then().statusCode(200);
        LraTesting.assertThatLra(lra).endsWithin(Duration.ofSeconds(10)).isClosed()
                .completedOnce(StockParticipant.class).completedOnce(OrderResource.class)
                .called(StockParticipant.class, "after", 1);
        List<LraCallback> callbacks = LraTesting.callbacks(lra);
        assertTrue(callbacks.stream().noneMatch(c -> c.participant().contains("Proxy")), callbacks::toString);
    }

    @Test
    void theApplicationsCoordinatorIsTheOneTheTestsSee() {
        String lra = LraTesting.coordinator().start("it");
        assertTrue(lra.startsWith(LraTesting.coordinator().url()), lra);
        assertEquals("Closed", LraTesting.coordinator().close(lra));
    }
}
