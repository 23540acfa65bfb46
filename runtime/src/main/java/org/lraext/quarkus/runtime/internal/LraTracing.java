package org.lraext.quarkus.runtime.internal;

import java.net.URI;

import org.lraext.lra.coordinator.CoordinatorClient;

/**
 * What the extension adds to traces. Without OpenTelemetry nothing ({@link #NONE}); with it,
 * {@link org.lraext.quarkus.runtime.observability.OpenTelemetryLraTracing} is the bean. Called on event loops: must not
 * block.
 */
public interface LraTracing extends CoordinatorClient.CallObserver {

    LraTracing NONE = new LraTracing() {
    };

    /** The request being handled (an @LRA method or a callback) runs in this LRA. */
    default void inLra(URI lra) {
    }
}
