package org.lraext.sample.trip;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.junit.jupiter.api.Test;
import org.lraext.test.JavaService;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Paid trips: the saga's last step is the payment service, over a real Kafka broker; it ends the trip's LRA. Each
 * service's own rows tell how the saga ended.
 */
@QuarkusTest
@QuarkusTestResource(SagaServices.class)
class PaidTripSagaTest {

    static final String SLOW_CARD = "4242 4242 4242 4242";
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** The payment service, handed over by {@link SagaServices}. */
    JavaService payment;

    private static String config(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }

    private static String bookPaidTrip(String passenger, String card) {
        Response r = given().contentType(ContentType.JSON)
                .body(Map.of("passenger", passenger, "flightNumber", "LX318", "hotel", "Grand Hotel", "nights", 2,
                        "card", card))
                .post("/trips/paid");
        assertEquals(202, r.statusCode(), r.asString());
        String lra = r.header(LRA.LRA_HTTP_CONTEXT_HEADER);
        assertNotNull(lra, "the answer names the LRA");
        return lra;
    }

    private static List<Map<String, Object>> rows(String url, String lra) {
        return given().queryParam("lra", lra).get(url).then().statusCode(200).extract().jsonPath().getList("$");
    }

    /**
     * Waits until the row of the LRA at url is in the state with these callback counts (a declined payment is
     * DECLINED before its compensation arrives); a row that ends otherwise fails with what it holds.
     */
    private static Map<String, Object> awaitRow(String url, String lra, String state, int completions,
            int compensations) {
        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> rows = rows(url, lra);
            assertEquals(1, rows.size(), () -> "one row for " + lra + " at " + url + ": " + rows);
            Map<String, Object> row = rows.get(0);
            assertEquals(state, row.get("state"), () -> "state of " + row);
            assertEquals(completions, row.get("completions"), () -> "@Complete calls for " + row);
            assertEquals(compensations, row.get("compensations"), () -> "@Compensate calls for " + row);
        });
        return rows(url, lra).get(0);
    }

    private static void assertConfirmedEverywhere(String lra) {
        awaitRow(config("sample.payment.url") + "/payments", lra, "CAPTURED", 1, 0);
        awaitRow("/trips", lra, "CONFIRMED", 1, 0);
        awaitRow(config("quarkus.rest-client.flight.url") + "/flights", lra, "CONFIRMED", 1, 0);
        awaitRow(config("quarkus.rest-client.hotel.url") + "/hotels", lra, "BOOKED", 1, 0);
    }

    @Test
    void aChargedCardClosesTheSaga() {
        String lra = bookPaidTrip("Ada", "4111 1111 1111 1111");
        Map<String, Object> payment = awaitRow(config("sample.payment.url") + "/payments", lra, "CAPTURED", 1, 0);
        assertEquals(240, payment.get("amount"));
        assertConfirmedEverywhere(lra);
    }

    @Test
    void aDeclinedCardCancelsTheSagaEverywhere() {
        String lra = bookPaidTrip("Grace", "4000 0000 0000 0002");
        awaitRow(config("sample.payment.url") + "/payments", lra, "DECLINED", 0, 1);
        awaitRow("/trips", lra, "CANCELLED", 0, 1);
        awaitRow(config("quarkus.rest-client.flight.url") + "/flights", lra, "CANCELLED", 0, 1);
        awaitRow(config("quarkus.rest-client.hotel.url") + "/hotels", lra, "RELEASED", 0, 1);
    }

    @Test
    void aPaymentServiceKilledWhileChargingChargesOnceAfterItsRestart() {
        String lra = bookPaidTrip("Linus", SLOW_CARD);
        // it consumed the request and joined the LRA; the charge is not committed, the record not acknowledged
        await().atMost(WAIT).until(() -> payment.log().contains("Charging trip") && payment.log().contains(lra));
        payment.kill();
        assertTrue(rows("/trips", lra).get(0).get("state").equals("BOOKING"), "the saga waits for the payment");

        JavaService again = payment.without(SagaServices.SLOW_CARD, "payment-restarted").start();
        try {
            // the record is delivered again: the join finds the participant enlisted, the charge happens once
            assertConfirmedEverywhere(lra);
            Map<String, Object> row = rows(again.url() + "/payments", lra).get(0);
            assertEquals(1, row.get("deliveries"), () -> "deliveries after the crash: " + row);
        } finally {
            again.stop();
            payment.start();
        }
    }
}
