package org.lraext.quarkus.deployment;

import java.util.List;
import java.util.SortedMap;

import org.lraext.quarkus.runtime.internal.EndpointDescriptor;

import io.quarkus.builder.item.SimpleBuildItem;

/**
 * What discovery found: the LRA metadata of every endpoint (by Quarkus REST method id, sorted for reproducible
 * builds), and every problem in the application's LRA annotations.
 */
public final class LraMetadataBuildItem extends SimpleBuildItem {

    private final SortedMap<String, EndpointDescriptor> endpoints;
    private final SortedMap<String, String> nonJaxRsCallbacks;
    private final List<String> problems;

    LraMetadataBuildItem(SortedMap<String, EndpointDescriptor> endpoints, SortedMap<String, String> nonJaxRsCallbacks,
            List<String> problems) {
        this.endpoints = endpoints;
        this.nonJaxRsCallbacks = nonJaxRsCallbacks;
        this.problems = List.copyOf(problems);
    }

    /** Callbacks that are plain CDI methods: {@code participantClass|rel} to {@code class#method(paramTypes)}. */
    public SortedMap<String, String> nonJaxRsCallbacks() {
        return nonJaxRsCallbacks;
    }

    public SortedMap<String, EndpointDescriptor> endpoints() {
        return endpoints;
    }

    public List<String> problems() {
        return problems;
    }
}
