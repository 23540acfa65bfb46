package org.lraext.sample.payment;

/**
 * What the trip service asks for, as JSON on the {@code payment-requests} topic.
 */
public record PaymentRequest(long tripId, String card, int amount) {
}
