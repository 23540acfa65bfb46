package org.lraext.it.kafka;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.lraext.quarkus.runtime.LraClient;

/** The type table on records: one topic per type; what each ran in goes to the ledger. */
@ApplicationScoped
public class TypedConsumers {

    @Inject
    LraClient lra;

    @Inject
    Ledger ledger;

    @Incoming("never")
    @LRA(LRA.Type.NEVER)
    public void never(String payload) {
        ledger.add("never-ran", payload + " | " + lra.current().orElse(null));
    }

    @Incoming("required")
    @LRA(LRA.Type.REQUIRED)
    public void required(String payload) {
        ledger.add("required-ran", payload + " | " + lra.current().orElse(null));
    }

    @Incoming("not-supported")
    @LRA(LRA.Type.NOT_SUPPORTED)
    public void notSupported(String payload) {
        ledger.add("not-supported-ran", payload + " | " + lra.current().orElse(null));
    }

    @Incoming("nested")
    @LRA(LRA.Type.NESTED)
    public void nested(String payload) {
        ledger.add("nested-ran", payload + " | " + lra.current().orElse(null));
    }

    @Complete
    public void complete(URI id) {
        ledger.add("typed-completed", id);
    }

    @Compensate
    public void compensate(URI id) {
        ledger.add("typed-compensated", id);
    }
}
