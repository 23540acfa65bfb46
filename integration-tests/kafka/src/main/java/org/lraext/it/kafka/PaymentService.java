package org.lraext.it.kafka;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.lraext.quarkus.runtime.LraClient;

/**
 * Consumes payment requests in the LRA each names, and ends it: closed when the card is charged, cancelled when it is
 * declined. Charges are kept by LRA, so that a request delivered twice charges once (what the guide tells users to do).
 */
@ApplicationScoped
public class PaymentService {

    @Inject
    LraClient lra;

    @Inject
    Ledger ledger;

    private final Map<URI, String> charges = new ConcurrentHashMap<>();

    @Incoming("payments")
    @LRA(LRA.Type.MANDATORY)
    public void charge(String card) {
        URI id = lra.current().orElseThrow();
        ledger.add("payment-ran", id);
        if (charges.putIfAbsent(id, card) != null) {
            return; // delivered again: charged already
        }
        if (card.equals("declined")) {
            ledger.add("declined", id);
            throw new IllegalStateException("card declined");
        }
        ledger.add("charged", id);
    }

    @Complete
    public void complete(URI id) {
        ledger.add("payment-completed", id);
    }

    @Compensate
    public void refund(URI id) {
        ledger.add("payment-compensated", id);
    }
}
