package org.lraext.quarkus.runtime.internal;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.quarkus.arc.runtime.BeanContainer;
import io.quarkus.runtime.annotations.Recorder;

/**
 * Hands what the build learnt to the run time: the endpoints' LRA metadata and the plain-method callbacks' invokers.
 */
@Recorder
public class LraRecorder {

    /**
     * @param endpoints by Quarkus REST method id
     * @param participants every participant class's callback paths (by rel), by class name
     */
    public Supplier<LraRegistry> registry(Map<String, EndpointDescriptor> endpoints,
            Map<String, Map<String, String>> participants) {
        return () -> new LraRegistry(endpoints, participants);
    }

    public io.vertx.core.Handler<io.vertx.ext.web.RoutingContext> journalHandler() {
        return new JournalHandler();
    }

    public void plainCallbacks(BeanContainer container, List<PlainCallback> callbacks) {
        container.beanInstance(PlainCallbacks.class).init(callbacks);
    }
}
