package org.lraext.quarkus.runtime.internal;

import java.net.URI;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;

/**
 * The LRA context of the request being handled, kept in the request's Vert.x duplicated context so that it follows
 * the request to worker threads and to outgoing REST Client calls, without thread-locals.
 */
public final class LraContext {

    private static final String CURRENT = "org.lraext.lra.current";
    private static final String PARENT = "org.lraext.lra.parent";

    private LraContext() {
    }

    /** The LRA outgoing calls of this request carry, or null. */
    public static URI current() {
        if (!VertxContext.isOnDuplicatedContext()) {
            return null;
        }
        return ContextLocals.<URI> get(CURRENT).orElse(null);
    }

    /** The parent of the current LRA, when it is nested, or null. */
    public static URI parent() {
        if (!VertxContext.isOnDuplicatedContext()) {
            return null;
        }
        return ContextLocals.<URI> get(PARENT).orElse(null);
    }

    static void set(URI current, URI parent) {
        if (!VertxContext.isOnDuplicatedContext()) {
            return;
        }
        if (current == null) {
            ContextLocals.remove(CURRENT);
        } else {
            ContextLocals.put(CURRENT, current);
        }
        if (parent == null) {
            ContextLocals.remove(PARENT);
        } else {
            ContextLocals.put(PARENT, parent);
        }
    }
}
