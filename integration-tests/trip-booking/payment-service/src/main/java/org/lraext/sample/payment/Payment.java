package org.lraext.sample.payment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import io.quarkus.hibernate.orm.panache.PanacheEntity;

/**
 * The payment of one trip, one per LRA (the unique LRA id is what makes a request delivered twice charge once).
 */
@Entity
public class Payment extends PanacheEntity {

    public enum State {
        /** Charged while the saga runs. */
        CHARGED,
        /** The card was declined: nothing was charged, and the saga is cancelled. */
        DECLINED,
        /** The saga closed: the charge is final. */
        CAPTURED,
        /** The saga was cancelled after the charge: the money went back. */
        REFUNDED
    }

    @Column(unique = true, nullable = false, length = 512)
    public String lraId;
    public long tripId;
    public String card;
    public int amount;
    @Enumerated(EnumType.STRING)
    public State state;
    /** How many times the request was consumed (a redelivery adds one, and charges nothing). */
    public int deliveries;
    /** How many times the coordinator called @Complete for this payment. */
    public int completions;
    /** How many times the coordinator called @Compensate for this payment. */
    public int compensations;

    public static Payment byLra(String lraId) {
        return find("lraId", lraId).firstResult();
    }
}
