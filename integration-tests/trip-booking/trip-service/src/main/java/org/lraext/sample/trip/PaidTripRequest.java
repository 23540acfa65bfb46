package org.lraext.sample.trip;

/**
 * A trip paid by card: the payment is the saga's last step, over Kafka.
 */
public record PaidTripRequest(String passenger, String flightNumber, String hotel, int nights, String card) {

    TripRequest trip() {
        return new TripRequest(passenger, flightNumber, hotel, nights);
    }
}
