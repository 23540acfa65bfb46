package org.lraext.sample.trip;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The trip-booking saga across three services and the real coordinator.
 */
@QuarkusTest
@QuarkusTestResource(value = SagaServices.class, restrictToAnnotatedClass = true)
class TripSagaTest {

    private static String config(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }

    private static Response bookTrip(String passenger, String hotel) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("passenger", passenger, "flightNumber", "LX318", "hotel", hotel, "nights", 3))
                .post("/trips");
    }

    /** The coordinator's status of the LRA, or "gone" once it has finished and forgotten it. */
    private static String coordinatorStatus(String lra) {
        String path = URI.create(lra).getPath();
        Response r = given().get(config("quarkus.lra.coordinator-url") + "/" + path.substring(path.lastIndexOf('/') + 1)
                + "/status");
        return r.statusCode() == 404 ? "gone" : r.asString();
    }

    private static Map<String, Object> single(String url, String lra) {
        List<Map<String, Object>> rows = given().queryParam("lra", lra).get(url).then().statusCode(200).extract()
                .jsonPath().getList("$");
        assertEquals(1, rows.size(), () -> "one row for " + lra + " at " + url + ": " + rows);
        return rows.get(0);
    }

    @Test
    void successfulTripCompletesEveryParticipantOnce() {
        Response r = bookTrip("Ada", "Grand Hotel");
        assertEquals(201, r.statusCode(), r.asString());
        String lra = r.header(LRA.LRA_HTTP_CONTEXT_HEADER);
        assertNotNull(lra, "the response names the LRA");
        assertEquals("gone", coordinatorStatus(lra), "the LRA closed before the answer and the coordinator forgot it");

        Map<String, Object> trip = single("/trips", lra);
        assertEquals("CONFIRMED", trip.get("state"));
        assertEquals(1, trip.get("completions"));
        assertEquals(0, trip.get("compensations"));

        Map<String, Object> flight = single(config("quarkus.rest-client.flight.url") + "/flights", lra);
        assertEquals("CONFIRMED", flight.get("state"));
        assertEquals(1, flight.get("completions"));
        assertEquals(0, flight.get("compensations"));

        Map<String, Object> hotel = single(config("quarkus.rest-client.hotel.url") + "/hotels", lra);
        assertEquals("BOOKED", hotel.get("state"));
        assertEquals(1, hotel.get("completions"));
        assertEquals(0, hotel.get("compensations"));
    }

    @Test
    void refusedHotelCompensatesEveryServiceThatJoined() {
        Response r = bookTrip("Grace", "Full House");
        assertEquals(409, r.statusCode(), r.asString());
        String lra = r.header(LRA.LRA_HTTP_CONTEXT_HEADER);
        assertNotNull(lra);
        assertEquals("gone", coordinatorStatus(lra), "the LRA was cancelled before the answer");

        Map<String, Object> trip = single("/trips", lra);
        assertEquals("CANCELLED", trip.get("state"));
        assertEquals(1, trip.get("compensations"));
        assertEquals(0, trip.get("completions"));

        Map<String, Object> flight = single(config("quarkus.rest-client.flight.url") + "/flights", lra);
        assertEquals("CANCELLED", flight.get("state"), "the seat was released by @Compensate");
        assertEquals(1, flight.get("compensations"));
        assertEquals(0, flight.get("completions"));

        Map<String, Object> hotel = single(config("quarkus.rest-client.hotel.url") + "/hotels", lra);
        assertEquals("RELEASED", hotel.get("state"));
        assertEquals(1, hotel.get("compensations"));
        assertEquals(0, hotel.get("completions"));
    }

    @Test
    void headerPropagatesThroughThreeServices() {
        Response r = given().get("/trips/chain");
        assertEquals(200, r.statusCode(), r.asString());
        String lra = r.header(LRA.LRA_HTTP_CONTEXT_HEADER);
        String body = r.asString();
        assertTrue(body.startsWith("trip started " + lra + ";"), body);
        assertTrue(body.contains("flight saw null"), "a method without @LRA does not see the context: " + body);
        assertTrue(body.endsWith("hotel saw " + lra), "the flight's outgoing call carried the LRA: " + body);
    }

    @Test
    void untrustedCoordinatorIsRefused() {
        Response r = given().header(LRA.LRA_HTTP_CONTEXT_HEADER, "http://127.0.0.2:1/lra-coordinator/0_1")
                .contentType(ContentType.JSON)
                .body(Map.of("passenger", "Eve", "flightNumber", "LX1", "hotel", "X", "nights", 1))
                .post("/trips");
        assertEquals(403, r.statusCode(), r.asString());
        assertTrue(r.asString().contains("trusted"), r.asString());
    }
}
