package org.lraext.it.kafka;

import java.nio.file.Path;
import java.util.Map;

import org.lraext.test.KafkaBroker;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A real Kafka broker (KRaft) in a process of its own for the tests, on a free loopback port. */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    private KafkaBroker broker;

    @Override
    public Map<String, String> start() {
        broker = KafkaBroker.start(Path.of("target", "kafka-broker"));
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.stop();
        }
    }
}
