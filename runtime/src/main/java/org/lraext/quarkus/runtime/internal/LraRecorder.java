package org.lraext.quarkus.runtime.internal;

import java.util.Map;
import java.util.function.Supplier;

import io.quarkus.runtime.annotations.Recorder;

/**
 * Hands the endpoint metadata computed at build time to the run time.
 */
@Recorder
public class LraRecorder {

    public Supplier<LraRegistry> registry(Map<String, EndpointDescriptor> endpoints) {
        return () -> new LraRegistry(endpoints);
    }

    public Supplier<NonJaxRsCallbacks> nonJaxRsCallbacks(Map<String, String> methods) {
        return () -> new NonJaxRsCallbacks(methods);
    }
}
