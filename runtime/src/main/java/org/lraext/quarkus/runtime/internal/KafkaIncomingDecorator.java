package org.lraext.quarkus.runtime.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.lraext.lra.protocol.InvalidLraIdException;
import org.lraext.lra.protocol.LraHeaders;
import org.lraext.lra.protocol.LraIds;

import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.PublisherDecorator;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.providers.locals.LocalContextMetadata;

/**
 * Reads the LRA headers of every record an incoming Kafka channel delivers, before any method sees it, into the
 * record's own Vert.x context: for an {@code @Incoming @LRA} method, what {@link IncomingLra} decides on; for any other
 * method, a trusted LRA is just the current one, so that what it sends on carries it (as for an HTTP method without
 * {@code @LRA}). Each record's headers are checked and parsed here, once, and nothing is called: the checks
 * (length, encoding, trusted coordinators) are local.
 */
@ApplicationScoped
public class KafkaIncomingDecorator implements PublisherDecorator {

    @Inject
    LraIds ids;

    @Override
    public Multi<? extends Message<?>> decorate(Multi<? extends Message<?>> publisher, List<String> channelName,
            boolean isConnector) {
        if (!isConnector) {
            return publisher;
        }
        String channel = channelName.isEmpty() ? "?" : channelName.get(0);
        return publisher.invoke(message -> read(message, channel));
    }

    private void read(Message<?> message, String channel) {
        IncomingKafkaRecordMetadata<?, ?> kafka = message.getMetadata(IncomingKafkaRecordMetadata.class).orElse(null);
        LocalContextMetadata local = message.getMetadata(LocalContextMetadata.class).orElse(null);
        if (kafka == null || local == null || kafka.getHeaders() == null) {
            return;
        }
        RecordLra record = read(kafka.getHeaders(), channel);
        record.attachTo(local.context());
        if (record.lra() != null) {
            LraContext.set(local.context(), record.lra(), record.parent());
        }
    }

    /** The record's LRA headers, checked and parsed once: what the type's rule and the method then use. */
    private RecordLra read(Headers headers, String channel) {
        Header lra = null;
        int count = 0;
        for (Header h : headers.headers(LraHeaders.CONTEXT)) {
            count++;
            lra = h;
        }
        Header parent = headers.lastHeader(LraHeaders.PARENT);
        if (lra == null && parent == null) {
            // none: the channel's name still goes with it, for the messages of a method that needs one
            return new RecordLra(null, null, null, channel);
        }
        if (count > 1) {
            return new RecordLra(null, null, "it carries " + count + " " + LraHeaders.CONTEXT + " headers, where one"
                    + " LRA is expected", channel);
        }
        if (lra == null) {
            return new RecordLra(null, null, "it carries a " + LraHeaders.PARENT + " header but no "
                    + LraHeaders.CONTEXT + " header", channel);
        }
        String problem = problem(lra);
        if (problem == null && parent != null) {
            problem = problem(parent);
        }
        if (problem != null) {
            return new RecordLra(null, null, problem, channel);
        }
        try {
            return new RecordLra(ids.parse(text(lra)), parent == null ? null : ids.parseOrNull(text(parent)), null,
                    channel);
        } catch (InvalidLraIdException e) {
            return new RecordLra(null, null, e.getMessage(), channel);
        }
    }

    private static String problem(Header h) {
        byte[] value = h.value();
        if (value == null || value.length == 0) {
            return "its " + h.key() + " header is empty";
        }
        if (value.length > LraIds.MAX_LENGTH) {
            return "its " + h.key() + " header is " + value.length + " bytes long, longer than " + LraIds.MAX_LENGTH;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value));
        } catch (CharacterCodingException e) {
            return "its " + h.key() + " header is not UTF-8 text";
        }
        return null;
    }

    private static String text(Header h) {
        return new String(h.value(), StandardCharsets.UTF_8);
    }
}
