package org.lraext.it.kafka;

import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.lraext.quarkus.runtime.LraClient;

/**
 * A step that leaves the LRA open (end = false) and is written for at-least-once delivery: its effect is keyed by the
 * LRA, so a record delivered again changes nothing.
 */
@ApplicationScoped
public class EnrolService {

    @Inject
    LraClient lra;

    @Inject
    Ledger ledger;

    private final Set<URI> enrolled = ConcurrentHashMap.newKeySet();

    @Incoming("enrol")
    @LRA(value = LRA.Type.MANDATORY, end = false)
    public void enrol(String payload) {
        URI id = lra.current().orElseThrow();
        ledger.add("enrol-ran", id);
        if (enrolled.add(id)) {
            ledger.add("enrolled", id);
        }
    }

    @Complete
    public void complete(URI id) {
        ledger.add("enrol-completed", id);
    }

    @Compensate
    public void compensate(URI id) {
        ledger.add("enrol-compensated", id);
    }
}
