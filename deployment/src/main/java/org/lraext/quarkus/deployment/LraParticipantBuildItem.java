package org.lraext.quarkus.deployment;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.MethodInfo;
import org.lraext.lra.protocol.CallbackKind;

import io.quarkus.builder.item.MultiBuildItem;

/**
 * One participant class with valid callbacks: for each, the method, and the path the coordinator calls it at.
 */
public final class LraParticipantBuildItem extends MultiBuildItem {

    /**
     * One callback.
     *
     * @param method the annotated method
     * @param path the JAX-RS path relative to the application's base, or null for a plain bean method (called
     *        through the extension's proxy)
     */
    public record Callback(MethodInfo method, String path) {

        public boolean plain() {
            return path == null;
        }
    }

    private final ClassInfo participant;
    private final Map<CallbackKind, Callback> callbacks;
    private final boolean resource;

    /** @param resource whether the class is a JAX-RS resource (else a bean whose callbacks are all plain methods) */
    LraParticipantBuildItem(ClassInfo participant, Map<CallbackKind, Callback> callbacks, boolean resource) {
        this.participant = participant;
        this.callbacks = Collections.unmodifiableMap(new EnumMap<>(callbacks));
        this.resource = resource;
    }

    /** Whether the class is a JAX-RS resource; else a bean with plain callbacks only, joined through the API. */
    public boolean resource() {
        return resource;
    }

    public ClassInfo participant() {
        return participant;
    }

    /** Its callbacks, in the order of {@link CallbackKind}. */
    public Map<CallbackKind, Callback> callbacks() {
        return callbacks;
    }
}
