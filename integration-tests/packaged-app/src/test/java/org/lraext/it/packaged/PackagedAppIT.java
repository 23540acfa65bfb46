package org.lraext.it.packaged;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.response.Response;

/**
 * The packaged application (the jar; the native executable with -Pnative) against the coordinator Dev Services
 * starts: JAX-RS and plain-method participants, signed callbacks, cancelOn, the trusted-coordinator check.
 */
@QuarkusIntegrationTest
class PackagedAppIT {

    private static List<String> events(String lra) {
        String text = given().queryParam("lra", lra).get("/orders/events").asString();
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    @Test
    void placedOrderIsCompleted() {
        Response placed = given().post("/orders");
        assertEquals(201, placed.statusCode(), placed.asString());
        String lra = placed.asString();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events(lra).contains("completed"));
        assertEquals(List.of("placed", "completed"), events(lra));
    }

    @Test
    void refusedOrderIsCompensated() {
        Response refused = given().queryParam("refuse", true).post("/orders");
        assertEquals(409, refused.statusCode());
        String lra = refused.header(LRA.LRA_HTTP_CONTEXT_HEADER);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events(lra).contains("compensated"));
        assertEquals(List.of("placed", "compensated"), events(lra));
    }

    @Test
    void plainMethodParticipantsThroughTheProxy() {
        for (boolean refuse : new boolean[] { false, true }) {
            String lra = given().post("/orders/open").asString();
            assertEquals(200, given().header(LRA.LRA_HTTP_CONTEXT_HEADER, lra).post("/stock").statusCode());
            given().header(LRA.LRA_HTTP_CONTEXT_HEADER, lra).queryParam("refuse", refuse).put("/orders/finish").then()
                    .statusCode(refuse ? 409 : 200);
            String expected = refuse ? "stock compensated" : "stock completed";
            String after = refuse ? "after Cancelled" : "after Closed";
            try {
                Awaitility.await().atMost(Duration.ofSeconds(10))
                        .until(() -> events(lra).contains(expected) && events(lra).contains(after));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("expected " + expected + " and " + after + " for " + lra + ", got " + events(lra));
            }
        }
    }

    @Test
    void untrustedLraIsRefused() {
        Response r = given().header(LRA.LRA_HTTP_CONTEXT_HEADER, "http://127.0.0.2:1/lra-coordinator/0_1").post("/stock");
        assertEquals(403, r.statusCode(), r.asString());
        Response forged = given().header(LRA.LRA_HTTP_CONTEXT_HEADER, "http://127.0.0.2:1/lra-coordinator/0_1")
                .put("/orders/compensate");
        assertEquals(403, forged.statusCode());
    }
}
