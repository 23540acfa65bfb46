package org.lraext.quarkus.deployment;

import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.MethodInfo;
import org.lraext.lra.protocol.CallbackKind;
import org.lraext.lra.protocol.EndpointPolicy;
import org.lraext.quarkus.runtime.internal.Endpoint;

import io.quarkus.builder.item.MultiBuildItem;

/**
 * One JAX-RS resource method LRA concerns: one with {@code @LRA} (on it or its class), a participant callback, or a
 * {@code @Leave} method.
 */
public final class LraEndpointBuildItem extends MultiBuildItem {

    private final ClassInfo endpoint;
    private final MethodInfo method;
    private final String methodId;
    private final Endpoint.Role role;
    private final EndpointPolicy policy;
    private final CallbackKind callback;

    LraEndpointBuildItem(ClassInfo endpoint, MethodInfo method, String methodId, Endpoint.Role role,
            EndpointPolicy policy, CallbackKind callback) {
        this.endpoint = endpoint;
        this.method = method;
        this.methodId = methodId;
        this.role = role;
        this.policy = policy;
        this.callback = callback;
    }

    /** The resource class that serves the method (maybe a subclass of the one declaring it). */
    public ClassInfo endpoint() {
        return endpoint;
    }

    /** The method as the JAX-RS annotations declare it. */
    public MethodInfo method() {
        return method;
    }

    /** The id Quarkus REST gives the method at run time. */
    public String methodId() {
        return methodId;
    }

    public Endpoint.Role role() {
        return role;
    }

    /** The settings of the {@code @LRA} that applies to it, or null. */
    public EndpointPolicy policy() {
        return policy;
    }

    /** The callback it is ({@link Endpoint.Role#CALLBACK}), or null. */
    public CallbackKind callback() {
        return callback;
    }
}
