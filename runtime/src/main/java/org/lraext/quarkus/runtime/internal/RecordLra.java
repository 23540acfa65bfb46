package org.lraext.quarkus.runtime.internal;

import java.net.URI;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;

/**
 * The LRA headers an incoming record carries, as read off the record before its method runs, kept in the record's own
 * Vert.x duplicated context (one per record, where its {@code @Incoming} method is invoked).
 *
 * @param lra the LRA of the {@code Long-Running-Action} header, parsed and trusted, or null
 * @param parent the LRA of the {@code Long-Running-Action-Parent} header, or null
 * @param problem why the headers cannot be used (oversized, not UTF-8, conflicting, not an LRA of a trusted
 *        coordinator), or null
 * @param channel the channel the record came from
 */
record RecordLra(URI lra, URI parent, String problem, String channel) {

    private static final String KEY = RecordLra.class.getName();

    void attachTo(Context context) {
        context.putLocal(KEY, this);
    }

    /** The headers of the record whose method runs now, or null. */
    static RecordLra current() {
        if (!VertxContext.isOnDuplicatedContext()) {
            return null;
        }
        return ContextLocals.<RecordLra> get(KEY).orElse(null);
    }

    /** Whether the record names an LRA at all (a malformed header counts: the type's rule sees it). */
    boolean carriesLra() {
        return lra != null || problem != null;
    }
}
