package org.lraext.it.packaged;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.junit.jupiter.api.Test;
import org.lraext.quarkus.test.LraTestResource;
import org.lraext.quarkus.test.LraTesting;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.response.Response;

/**
 * What users turn on beside the extension, against the packaged jar (and the native executable with -Pnative):
 * propagation over the REST Client to a second participant, {@code Uni} endpoints and callbacks, nested LRAs, the
 * readiness check, Micrometer metrics and OpenTelemetry spans.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(LraTestResource.class)
class FeaturesIT {

    private static List<String> events(String lra) {
        String text = given().queryParam("lra", lra).get("/orders/events").asString();
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    @Test
    void theRestClientCarriesTheLraToTheSecondParticipant() {
        Response shipped = given().post("/orders/shipped");
        assertEquals(201, shipped.statusCode(), shipped.asString());
        String lra = shipped.asString();
        LraTesting.assertThatLra(lra).endsWithin(Duration.ofSeconds(10)).isClosed()
                .completedOnce(OrderResource.class).completedOnce(ShippingResource.class).neverCompensated();
        assertEquals(List.of("placed", "shipping booked", "completed", "shipping completed"),
                events(lra).stream().sorted((a, b) -> order(a) - order(b)).toList());

        Response refused = given().queryParam("refuse", true).post("/orders/shipped");
        assertEquals(409, refused.statusCode());
        LraTesting.assertThatLra(refused.header(LRA.LRA_HTTP_CONTEXT_HEADER)).endsWithin(Duration.ofSeconds(10))
                .isCancelled().compensatedOnce(OrderResource.class).compensatedOnce(ShippingResource.class);
    }

    private static int order(String event) {
        return List.of("placed", "shipping booked", "completed", "shipping completed").indexOf(event);
    }

    @Test
    void aUniEndpointEndsItsLraWhenItsAnswerComes() {
        Response r = given().post("/orders/async");
        assertEquals(200, r.statusCode(), r.asString());
        assertEquals(r.asString(), r.header(LRA.LRA_HTTP_ENDED_CONTEXT_HEADER), "closed when the Uni completed");
        LraTesting.assertThatLra(r.asString()).endsWithin(Duration.ofSeconds(10)).isClosed()
                .completedOnce(OrderResource.class);
    }

    @Test
    void aNestedLraIsAChildOfTheCallersAndHandsItBack() {
        String parent = given().post("/orders/open").asString();
        Response r = given().header(LRA.LRA_HTTP_CONTEXT_HEADER, parent).put("/orders/nested");
        assertEquals(200, r.statusCode(), r.asString());
        String nested = r.asString();
        assertNotEquals(parent, nested);
        assertEquals(parent, r.header(LRA.LRA_HTTP_CONTEXT_HEADER), "the caller goes on in its own LRA");
        assertEquals(List.of("nested in " + parent), events(nested).subList(0, 1));
        given().header(LRA.LRA_HTTP_CONTEXT_HEADER, parent).put("/orders/finish").then().statusCode(200);
        LraTesting.assertThatLra(parent).endsWithin(Duration.ofSeconds(10)).isClosed();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events(nested).contains("completed"));
    }

    @Test
    void readinessNamesTheCoordinator() {
        Response ready = given().get("/q/health/ready");
        assertEquals(200, ready.statusCode(), ready.asString());
        assertTrue(ready.asString().contains("LRA coordinator") && ready.asString().contains("\"UP\""),
                ready.asString());
    }

    @Test
    void metricsCountLrasAndCallbacks() {
        String lra = given().post("/orders").asString();
        LraTesting.assertThatLra(lra).endsWithin(Duration.ofSeconds(10)).isClosed();
        String metrics = given().get("/q/metrics").asString();
        for (String name : List.of("lra_started_total", "lra_joined_total", "lra_ended_total", "lra_callbacks_total",
                "lra_coordinator_calls")) {
            assertTrue(metrics.contains(name), name + " in " + metrics.lines().filter(l -> l.startsWith("lra")).toList());
        }
    }

    @Test
    void spansCarryTheLra() {
        String lra = given().post("/orders").asString();
        LraTesting.assertThatLra(lra).endsWithin(Duration.ofSeconds(10)).isClosed();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            String spans = given().queryParam("lra", lra).get("/spans").asString();
            return spans.contains("SERVER POST /orders") && spans.contains("lra-coordinator join")
                    && spans.contains("lra-coordinator close") && spans.contains("complete");
        });
    }
}
