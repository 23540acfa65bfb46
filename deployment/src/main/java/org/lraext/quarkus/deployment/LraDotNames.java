package org.lraext.quarkus.deployment;

import java.util.EnumMap;
import java.util.Map;

import org.jboss.jandex.DotName;
import org.lraext.lra.protocol.CallbackKind;

/**
 * The Jandex names the build looks for, in one place.
 */
final class LraDotNames {

    static final DotName LRA = DotName.createSimple("org.eclipse.microprofile.lra.annotation.ws.rs.LRA");
    static final DotName PATH = DotName.createSimple("jakarta.ws.rs.Path");
    static final DotName OBJECT = DotName.createSimple(Object.class);
    static final DotName URI = DotName.createSimple("java.net.URI");
    static final DotName LRA_STATUS = DotName.createSimple("org.eclipse.microprofile.lra.annotation.LRAStatus");
    /** The JAX-RS HTTP method annotations, with the method each stands for. */
    static final Map<DotName, String> HTTP_METHODS = Map.of(
            DotName.createSimple("jakarta.ws.rs.GET"), "GET",
            DotName.createSimple("jakarta.ws.rs.POST"), "POST",
            DotName.createSimple("jakarta.ws.rs.PUT"), "PUT",
            DotName.createSimple("jakarta.ws.rs.DELETE"), "DELETE",
            DotName.createSimple("jakarta.ws.rs.PATCH"), "PATCH",
            DotName.createSimple("jakarta.ws.rs.HEAD"), "HEAD",
            DotName.createSimple("jakarta.ws.rs.OPTIONS"), "OPTIONS");
    /** The annotation that marks each callback. */
    static final Map<CallbackKind, DotName> CALLBACKS;

    static {
        Map<CallbackKind, DotName> callbacks = new EnumMap<>(CallbackKind.class);
        for (CallbackKind k : CallbackKind.values()) {
            callbacks.put(k, DotName.createSimple(k.annotation()));
        }
        CALLBACKS = java.util.Collections.unmodifiableMap(callbacks);
    }

    private LraDotNames() {
    }
}
