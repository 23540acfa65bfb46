package org.lraext.sample.flight;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import io.quarkus.hibernate.orm.panache.PanacheEntity;

/**
 * A seat held on a flight for one trip's LRA.
 */
@Entity
public class FlightBooking extends PanacheEntity {

    public enum State {
        /** Held while the saga runs. */
        PENDING,
        /** The saga closed: the seat is sold. */
        CONFIRMED,
        /** The saga was cancelled: the seat is released. */
        CANCELLED
    }

    @Column(unique = true, nullable = false, length = 512)
    public String lraId;
    public String flightNumber;
    public String passenger;
    @Enumerated(EnumType.STRING)
    public State state;
    /** How many times the coordinator called @Complete for this booking. */
    public int completions;
    /** How many times the coordinator called @Compensate for this booking. */
    public int compensations;

    public static FlightBooking byLra(String lraId) {
        return find("lraId", lraId).firstResult();
    }
}
