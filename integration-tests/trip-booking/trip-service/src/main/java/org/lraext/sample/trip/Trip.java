package org.lraext.sample.trip;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import io.quarkus.hibernate.orm.panache.PanacheEntity;

/**
 * A trip: one flight and one hotel, booked together in one LRA.
 */
@Entity
public class Trip extends PanacheEntity {

    public enum State {
        /** The saga runs. */
        BOOKING,
        /** Flight and hotel are confirmed. */
        CONFIRMED,
        /** Something was refused; every booking was undone. */
        CANCELLED
    }

    @Column(unique = true, nullable = false, length = 512)
    public String lraId;
    public String passenger;
    public String flightNumber;
    public String hotel;
    @Enumerated(EnumType.STRING)
    public State state;
    public int completions;
    public int compensations;

    public static Trip ofLra(String lraId) {
        return find("lraId", lraId).firstResult();
    }
}
