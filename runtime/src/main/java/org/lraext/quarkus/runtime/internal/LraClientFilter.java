package org.lraext.quarkus.runtime.internal;

import java.net.URI;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

import org.lraext.lra.protocol.LraHeaders;

/**
 * Adds the LRA context of the request being handled to outgoing calls, unless the caller set the header itself.
 * Registered on every client the Quarkus REST Client builds (REST Client interfaces and {@code ClientBuilder}); it can
 * also be registered by hand on another JAX-RS client.
 */
public class LraClientFilter implements ClientRequestFilter {

    @Override
    public void filter(ClientRequestContext request) {
        if (request.getHeaders().containsKey(LraHeaders.CONTEXT)) {
            return;
        }
        URI current = LraContext.current();
        if (current == null) {
            return;
        }
        request.getHeaders().putSingle(LraHeaders.CONTEXT, current.toString());
        URI parent = LraContext.parent();
        if (parent != null && !request.getHeaders().containsKey(LraHeaders.PARENT)) {
            request.getHeaders().putSingle(LraHeaders.PARENT, parent.toString());
        }
    }
}
