package org.lraext.it.kafka;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.lraext.quarkus.runtime.LraClient;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/** Two Kafka steps in a row: the first (non-blocking, a Uni) passes the LRA on in what it sends, the second ends it. */
public class ChainSteps {

    @ApplicationScoped
    public static class First {

        @Inject
        @Channel("step2-out")
        MutinyEmitter<String> next;

        @Inject
        LraClient lra;

        @Inject
        Ledger ledger;

        @Incoming("step1")
        @LRA(value = LRA.Type.MANDATORY, end = false)
        public Uni<Void> first(String payload) {
            ledger.add("first-ran", lra.current().orElseThrow());
            ledger.add("first-thread", Thread.currentThread().getName());
            return next.send(payload + "+1");
        }

        @Complete
        public void complete(URI id) {
            ledger.add("first-completed", id);
        }

        @Compensate
        public void compensate(URI id) {
            ledger.add("first-compensated", id);
        }
    }

    @ApplicationScoped
    public static class Second {

        @Inject
        LraClient lra;

        @Inject
        Ledger ledger;

        @Incoming("step2")
        @LRA(LRA.Type.MANDATORY)
        public void second(String payload) {
            ledger.add("second-ran", lra.current().orElseThrow());
            ledger.add("second-payload", payload);
            if (payload.startsWith("fail")) {
                throw new IllegalArgumentException("the second step refuses " + payload);
            }
        }

        @Complete
        public void complete(URI id) {
            ledger.add("second-completed", id);
        }

        @Compensate
        public void compensate(URI id) {
            ledger.add("second-compensated", id);
        }
    }
}
