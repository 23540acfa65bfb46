package org.lraext.quarkus.runtime.internal;

import org.lraext.lra.coordinator.CoordinatorClient;
import org.lraext.lra.protocol.CallbackKind;

/**
 * What the extension counts. Without Micrometer nothing is counted ({@link #NONE}); with it,
 * {@link org.lraext.quarkus.runtime.observability.MicrometerLraMetrics} is the bean. Called on event loops: must not
 * block.
 */
public interface LraMetrics extends CoordinatorClient.CallObserver {

    LraMetrics NONE = new LraMetrics() {
    };

    /** An LRA was started for a request. */
    default void started() {
    }

    /** This application joined an LRA as a participant. */
    default void joined() {
    }

    /**
     * This application asked the coordinator to end an LRA.
     *
     * @param cancel whether it was cancelled (else closed)
     * @param ok whether the coordinator did it
     */
    default void ended(boolean cancel, boolean ok) {
    }

    /** A participant callback was answered with this status. */
    default void callback(CallbackKind kind, int status) {
    }

    @Override
    default void ended(Object token, String operation, int status, long nanos) {
    }
}
