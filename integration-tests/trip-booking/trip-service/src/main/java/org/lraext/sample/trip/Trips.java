package org.lraext.sample.trip;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The trip table, each change in its own transaction: the row must be committed before the coordinator's callbacks
 * look for it.
 */
@ApplicationScoped
public class Trips {

    @Transactional
    public Trip create(String lraId, TripRequest request) {
        Trip trip = new Trip();
        trip.lraId = lraId;
        trip.passenger = request.passenger();
        trip.flightNumber = request.flightNumber();
        trip.hotel = request.hotel();
        trip.state = Trip.State.BOOKING;
        trip.persist();
        return trip;
    }

    @Transactional
    public void ended(String lraId, boolean closed) {
        Trip trip = Trip.ofLra(lraId);
        if (trip == null || trip.state == (closed ? Trip.State.CONFIRMED : Trip.State.CANCELLED)) {
            // unknown LRA, or a repeated delivery (the coordinator delivers at least once): nothing more to do
            return;
        }
        if (closed) {
            trip.completions++;
            trip.state = Trip.State.CONFIRMED;
        } else {
            trip.compensations++;
            trip.state = Trip.State.CANCELLED;
        }
    }
}
