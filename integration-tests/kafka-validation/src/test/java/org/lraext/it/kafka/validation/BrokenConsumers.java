package org.lraext.it.kafka.validation;

import java.net.URI;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import io.smallrye.common.annotation.NonBlocking;

/** {@code @Incoming @LRA} methods the extension cannot serve, one per rule. */
public class BrokenConsumers {

    @ApplicationScoped
    public static class NoCompensate {
        @Incoming("no-compensate")
        @LRA(LRA.Type.MANDATORY)
        public void consume(String payload) {
        }
    }

    @ApplicationScoped
    public static class Processor {
        @Incoming("processor-in")
        @Outgoing("processor-out")
        @LRA
        public String process(String payload) {
            return payload;
        }

        @Compensate
        public void compensate(URI lra) {
        }
    }

    @ApplicationScoped
    public static class TakesMessage {
        @Incoming("message")
        @LRA
        public CompletionStage<Void> consume(Message<String> message) {
            return message.ack();
        }

        @Compensate
        public void compensate(URI lra) {
        }
    }

    @ApplicationScoped
    public static class PreAcknowledged {
        @Incoming("pre-ack")
        @Acknowledgment(Acknowledgment.Strategy.PRE_PROCESSING)
        @LRA
        public void consume(String payload) {
        }

        @Compensate
        public void compensate(URI lra) {
        }
    }

    @ApplicationScoped
    public static class NonBlockingVoid {
        @Incoming("non-blocking")
        @NonBlocking
        @LRA
        public void consume(String payload) {
        }

        @Compensate
        public void compensate(URI lra) {
        }
    }
}
