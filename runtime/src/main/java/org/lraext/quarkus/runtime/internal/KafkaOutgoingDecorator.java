package org.lraext.quarkus.runtime.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.lraext.lra.protocol.LraHeaders;
import org.lraext.quarkus.runtime.LraConfig;

import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.SubscriberDecorator;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Puts the current LRA into the headers of every record an outgoing channel sends ({@code Long-Running-Action}, and
 * {@code Long-Running-Action-Parent} for a nested LRA), whether it comes from an {@code Emitter}, a
 * {@code MutinyEmitter} or an {@code @Outgoing} method; a channel set to
 * {@code quarkus.lra.kafka.channel."<name>".propagate=false} is left alone, and so is a record whose own metadata
 * already names an LRA. The current LRA is the one of the code that hands the record to the channel: an {@code @LRA}
 * HTTP method, an {@code @Incoming} method in an LRA, or {@code LraClient.runIn / callIn}.
 */
@ApplicationScoped
public class KafkaOutgoingDecorator implements SubscriberDecorator {

    @Inject
    LraConfig config;

    @Override
    public Multi<? extends Message<?>> decorate(Multi<? extends Message<?>> toBeSubscribed, List<String> channelName,
            boolean isConnector) {
        if (!isConnector || channelName.isEmpty()) {
            return toBeSubscribed;
        }
        LraConfig.Kafka.Channel channel = config.kafka().channel().get(channelName.get(0));
        if (channel != null && !channel.propagate()) {
            return toBeSubscribed;
        }
        return toBeSubscribed.map(KafkaOutgoingDecorator::withLra);
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    static Message<?> withLra(Message<?> message) {
        URI lra = LraContext.current();
        if (lra == null) {
            return message;
        }
        OutgoingKafkaRecordMetadata<?> metadata = message.getMetadata(OutgoingKafkaRecordMetadata.class).orElse(null);
        Headers headers = new RecordHeaders();
        if (metadata != null && metadata.getHeaders() != null) {
            if (metadata.getHeaders().lastHeader(LraHeaders.CONTEXT) != null) {
                return message; // the application named the LRA itself
            }
            metadata.getHeaders().forEach(headers::add);
        }
        headers.add(LraHeaders.CONTEXT, lra.toString().getBytes(StandardCharsets.UTF_8));
        URI parent = LraContext.parent();
        if (parent != null) {
            headers.add(LraHeaders.PARENT, parent.toString().getBytes(StandardCharsets.UTF_8));
        }
        OutgoingKafkaRecordMetadata.OutgoingKafkaRecordMetadataBuilder builder = metadata == null
                ? OutgoingKafkaRecordMetadata.builder()
                : OutgoingKafkaRecordMetadata.from((OutgoingKafkaRecordMetadata) metadata);
        return message.addMetadata(builder.withHeaders(headers).build());
    }
}
