package org.lraext.sample.trip;

/**
 * What the trip service asks the payment service for, as JSON on the {@code payment-requests} topic.
 */
public record PaymentRequest(long tripId, String card, int amount) {
}
