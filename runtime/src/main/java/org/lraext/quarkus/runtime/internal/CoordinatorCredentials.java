package org.lraext.quarkus.runtime.internal;

import java.util.List;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;

/**
 * The {@code Authorization} header of each coordinator call: the caller's bearer token, when
 * {@code quarkus.lra.coordinator.propagate-token} is on and the call is made for a request that brought one (kept in
 * the request's Vert.x duplicated context, so it follows the request to worker threads and never leaks to another);
 * else the service's own token (a token file or an OIDC client), else none. The coordinator client asks for it on the
 * caller's thread at every call, and on a context of its own for what it does later by itself, which therefore carries
 * the service's token.
 */
final class CoordinatorCredentials implements Supplier<String>, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CoordinatorCredentials.class);

    private static final String CALLER = "org.lraext.lra.caller-authorization";
    /** A bearer token longer than this is not propagated. */
    static final int MAX_TOKEN_CHARS = 16 * 1024;

    private final boolean propagate;
    /** The service's own token ({@code Bearer ...}), or null. */
    private final Supplier<String> service;
    /** What keeps the service's token up to date (a file watch, a refresh timer), closed with this; or null. */
    private final AutoCloseable source;

    CoordinatorCredentials(boolean propagate, Supplier<String> service, AutoCloseable source) {
        this.propagate = propagate;
        this.service = service;
        this.source = source;
    }

    @Override
    public void close() {
        if (source != null) {
            try {
                source.close();
            } catch (Exception e) {
                LOG.debugf(e, "Closing %s failed", source);
            }
        }
    }

    /** Whether any call carries a header: else the coordinator client needs no supplier at all. */
    boolean active() {
        return propagate || service != null;
    }

    boolean propagates() {
        return propagate;
    }

    /** Whether the service has a token of its own (a token file or an OIDC client). */
    boolean hasServiceToken() {
        return service != null;
    }

    @Override
    public String get() {
        if (propagate && VertxContext.isOnDuplicatedContext()) {
            String caller = ContextLocals.<String> get(CALLER).orElse(null);
            if (caller != null) {
                return caller;
            }
        }
        return service == null ? null : service.get();
    }

    /**
     * Keeps the request's bearer token (its last {@code Authorization} header, when that is one bearer token of a sane
     * size) in the request's context, for the coordinator calls made for it.
     *
     * @param authorization the request's {@code Authorization} headers, or null
     */
    void remember(List<String> authorization) {
        if (!VertxContext.isOnDuplicatedContext()) {
            return;
        }
        String value = Replies.lastValue(authorization);
        if (value == null || value.length() <= 7 || value.length() > MAX_TOKEN_CHARS
                || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return;
        }
        String token = value.substring(7).strip();
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= ' ' || c >= 127) {
                return; // not one token: nothing of it is sent on
            }
        }
        if (!token.isEmpty()) {
            ContextLocals.put(CALLER, "Bearer " + token);
        }
    }

    /** Carries the caller's token from one context to another made for the same caller's work. */
    static void carry(Context from, Context to) {
        if (from != null && VertxContext.isDuplicatedContext(from) && VertxContext.isDuplicatedContext(to)) {
            Object caller = from.getLocal(CALLER);
            if (caller != null) {
                to.putLocal(CALLER, caller);
            }
        }
    }
}
