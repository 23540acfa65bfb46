package org.lraext.quarkus.runtime.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * The LRA metadata of every endpoint, keyed by the Quarkus REST method id
 * ({@code org.jboss.resteasy.reactive.server.util.MethodId}); computed at build time, read-only at run time.
 */
public final class LraRegistry {

    private final Map<String, Endpoint> endpoints;

    LraRegistry(Map<String, EndpointDescriptor> descriptors) {
        Map<String, Endpoint> map = new HashMap<>(Math.max(16, descriptors.size() * 2));
        descriptors.forEach((id, d) -> map.put(id, Endpoint.of(d)));
        this.endpoints = Map.copyOf(map);
    }

    /** The endpoint with this method id, or null when LRA does not concern it. */
    public Endpoint get(String methodId) {
        return endpoints.get(methodId);
    }
}
