package org.lraext.it.kafka;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/** Channels without @LRA that tell the tests what arrived: dead letters (with the reason) and the audit records. */
@ApplicationScoped
public class Observers {

    @Inject
    Ledger ledger;

    @Incoming("payments-dlq")
    public CompletionStage<Void> deadLetter(Message<String> m) {
        ledger.add("dead-letter", m.getPayload() + " | " + header(m, "dead-letter-reason"));
        return m.ack();
    }

    @Incoming("types-dlq")
    public CompletionStage<Void> typesDeadLetter(Message<String> m) {
        ledger.add("types-dead-letter", m.getPayload() + " | " + header(m, "dead-letter-reason"));
        return m.ack();
    }

    @Incoming("audit-in")
    public CompletionStage<Void> audit(Message<String> m) {
        ledger.add("audit", m.getPayload() + " | lra=" + header(m, LRA.LRA_HTTP_CONTEXT_HEADER));
        return m.ack();
    }

    private static String header(Message<String> m, String name) {
        Header h = m.getMetadata(IncomingKafkaRecordMetadata.class).map(md -> md.getHeaders().lastHeader(name))
                .orElse(null);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
