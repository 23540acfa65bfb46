package org.lraext.quarkus.runtime.internal;

import java.net.URI;

import org.jboss.logging.MDC;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;

/**
 * The LRA context of the request being handled, kept in the request's Vert.x duplicated context so that it follows
 * the request to worker threads and to outgoing REST Client calls, without thread-locals; its id is also in the logging
 * MDC under {@value #MDC_KEY}.
 */
public final class LraContext {

    private static final String CURRENT = "org.lraext.lra.current";
    private static final String PARENT = "org.lraext.lra.parent";
    /** The logging MDC key that holds the LRA id while a request runs in an LRA: {@code %X{lraId}} in a log format. */
    public static final String MDC_KEY = "lraId";

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

    /**
     * Puts an LRA in a context that is not the current one (an incoming record's, before its method runs there); no
     * logging MDC, which belongs to the thread that runs it.
     */
    static void set(Context context, URI current, URI parent) {
        if (current != null) {
            context.putLocal(CURRENT, current);
        }
        if (parent != null) {
            context.putLocal(PARENT, parent);
        }
    }

    static void set(URI current, URI parent) {
        if (!VertxContext.isOnDuplicatedContext()) {
            return;
        }
        if (current == null) {
            ContextLocals.remove(CURRENT);
            MDC.remove(MDC_KEY);
        } else {
            ContextLocals.put(CURRENT, current);
            // Quarkus keeps the MDC of a request in its duplicated context: it follows the request, not the thread
            MDC.put(MDC_KEY, current.toString());
        }
        if (parent == null) {
            ContextLocals.remove(PARENT);
        } else {
            ContextLocals.put(PARENT, parent);
        }
    }
}
