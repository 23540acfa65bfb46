package org.lraext.sample.trip;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.junit.jupiter.api.Test;
import org.lraext.quarkus.runtime.LraJournal;
import org.lraext.quarkus.test.LraTesting;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The trip-booking saga across three services and the real coordinator.
 */
@QuarkusTest
@QuarkusTestResource(SagaServices.class)
class TripSagaTest {

    @Inject
    LraJournal journal;

    private static String config(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }

    private static Response bookTrip(String passenger, String hotel) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("passenger", passenger, "flightNumber", "LX318", "hotel", hotel, "nights", 3))
                .post("/trips");
    }

    private static Map<String, Object> single(String url, String lra) {
        List<Map<String, Object>> rows = given().queryParam("lra", lra).get(url).then().statusCode(200).extract()
                .jsonPath().getList("$");
        assertEquals(1, rows.size(), () -> "one row for " + lra + " at " + url + ": " + rows);
        return rows.get(0);
    }

    /** A booking row: its state, and how many times each callback reached it. */
    private static void assertRow(Map<String, Object> row, String state, int completions, int compensations) {
        assertEquals(state, row.get("state"), () -> "state of " + row);
        assertEquals(completions, row.get("completions"), () -> "@Complete calls for " + row);
        assertEquals(compensations, row.get("compensations"), () -> "@Compensate calls for " + row);
    }

    @Test
    void successfulTripCompletesEveryParticipantOnce() {
        Response r = bookTrip("Ada", "Grand Hotel");
        assertEquals(201, r.statusCode(), r.asString());
        String lra = r.header(LRA.LRA_HTTP_CONTEXT_HEADER);
        assertNotNull(lra, "the response names the LRA");
        assertEquals(Optional.empty(), LraTesting.coordinator().status(lra),
                "the LRA closed before the answer and the coordinator forgot it");
        LraTesting.assertThatLra(lra).endsWithin(Duration.ofSeconds(5)).isClosed()
                .completedOnce(TripResource.class).neverCompensated().callbacksSucceeded();

        assertRow(single("/trips", lra), "CONFIRMED", 1, 0);

        assertRow(single(config("quarkus.rest-client.flight.url") + "/flights", lra), "CONFIRMED", 1, 0);

        assertRow(single(config("quarkus.rest-client.hotel.url") + "/hotels", lra), "BOOKED", 1, 0);
    }

    @Test
    void refusedHotelCompensatesEveryServiceThatJoined() {
        Response r = bookTrip("Grace", "Full House");
        assertEquals(409, r.statusCode(), r.asString());
        String lra = r.header(LRA.LRA_HTTP_CONTEXT_HEADER);
        assertNotNull(lra);
        assertEquals(Optional.empty(), LraTesting.coordinator().status(lra), "the LRA was cancelled before the answer");
        LraTesting.assertThatLra(lra).endsWithin(Duration.ofSeconds(5)).isCancelled()
                .compensatedOnce(TripResource.class).neverCompleted();

        assertRow(single("/trips", lra), "CANCELLED", 0, 1);

        assertRow(single(config("quarkus.rest-client.flight.url") + "/flights", lra), "CANCELLED", 0, 1);

        assertRow(single(config("quarkus.rest-client.hotel.url") + "/hotels", lra), "RELEASED", 0, 1);
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

    @Test
    void anInvalidOrUnparsableTripIsRefusedBeforeAnyLra() {
        int tripsBefore = given().get("/trips").jsonPath().getList("$").size();
        List<String> lrasBefore = journal.recent(LraJournal.CAPACITY);

        Map<String, Object> invalid = Map.of("passenger", "", "flightNumber", "LX318", "hotel", "Grand Hotel",
                "nights", -1);
        Response r = given().contentType(ContentType.JSON).body(invalid).post("/trips");
        assertEquals(400, r.statusCode(), r.asString());
        assertTrue(r.asString().contains("passenger") && r.asString().contains("nights"),
                "the answer names the fields: " + r.asString());
        assertNull(r.header(LRA.LRA_HTTP_CONTEXT_HEADER));

        r = given().contentType(ContentType.JSON).body("{\"passenger\": \"Ada\", nights").post("/trips");
        assertEquals(400, r.statusCode(), r.asString());
        assertNull(r.header(LRA.LRA_HTTP_CONTEXT_HEADER));

        r = given().contentType(ContentType.JSON).post("/trips"); // no body at all
        assertEquals(400, r.statusCode(), r.asString());

        r = given().contentType(ContentType.JSON).body(Map.of("passenger", "Ada", "flightNumber", "LX318", "hotel",
                "Grand Hotel", "nights", 2, "card", "not a card")).post("/trips/paid");
        assertEquals(400, r.statusCode(), r.asString());
        assertTrue(r.asString().contains("card"), r.asString());

        assertEquals(lrasBefore, journal.recent(LraJournal.CAPACITY), "no LRA was started for a refused request");
        assertEquals(tripsBefore, given().get("/trips").jsonPath().getList("$").size(), "no trip was created");
    }
}
