package org.lraext.sample.trip;

/**
 * What a traveller asks for.
 */
public record TripRequest(String passenger, String flightNumber, String hotel, int nights) {
}
