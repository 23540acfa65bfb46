package org.lraext.quarkus.runtime.internal;

import java.net.URI;

import jakarta.enterprise.inject.Instance;

import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.lraext.quarkus.runtime.LraConfigKeys;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.HttpServer;

/**
 * Where the coordinator reaches this application's callbacks when a participant joins outside an {@code @LRA} HTTP
 * method (the programmatic API, an {@code @Incoming} method): the configured {@code quarkus.lra.base-uri}, else the
 * current HTTP request's base, else this server's own address.
 */
final class CallbackBase {

    /** The configured base URI of the callbacks (no trailing slash), or null. */
    private final String configured;
    private final Instance<HttpServer> server;

    CallbackBase(String configured, Instance<HttpServer> server) {
        this.configured = configured;
        this.server = server;
    }

    String get() {
        if (configured != null) {
            return configured;
        }
        // Quarkus REST's current request lives in the request scope: only look when that is active
        ResteasyReactiveRequestContext request = Arc.container().requestContext().isActive() ? CurrentRequestManager.get()
                : null;
        if (request != null) {
            return request.getUriInfo().getBaseUri().toString();
        }
        URI local = server.isResolvable() ? server.get().getLocalBaseUri() : null;
        if (local == null) {
            throw new IllegalStateException("The HTTP server's address is not known yet, so the callbacks' URLs cannot"
                    + " be built; set " + LraConfigKeys.BASE_URI + " to the URL the coordinator reaches this application at");
        }
        return local.toString();
    }
}
