package org.lraext.sample.hotel;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import io.quarkus.hibernate.orm.panache.PanacheEntity;

/**
 * A room request for one trip's LRA.
 */
@Entity
public class HotelBooking extends PanacheEntity {

    public enum State {
        /** The room is held while the saga runs. */
        HELD,
        /** The hotel had no room: the booking was refused and the saga must be undone. */
        REFUSED,
        /** The saga closed: the room is booked. */
        BOOKED,
        /** The saga was cancelled: the hold (if any) is released. */
        RELEASED
    }

    @Column(unique = true, nullable = false, length = 512)
    public String lraId;
    public String hotel;
    public int nights;
    @Enumerated(EnumType.STRING)
    public State state;
    /** How many times the coordinator called @Complete for this booking. */
    public int completions;
    /** How many times the coordinator called @Compensate for this booking. */
    public int compensations;

    public static HotelBooking forLra(String lraId) {
        return find("lraId", lraId).firstResult();
    }
}
