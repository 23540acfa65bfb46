package org.lraext.quarkus.runtime.internal;

import java.util.List;

import org.jboss.resteasy.reactive.common.model.ResourceClass;
import org.jboss.resteasy.reactive.server.model.HandlerChainCustomizer;
import org.jboss.resteasy.reactive.server.model.ServerResourceMethod;
import org.jboss.resteasy.reactive.server.spi.ServerRestHandler;

/**
 * Puts {@link LraInvokeHandler} into the handler chain of an {@code @LRA} or {@code @Leave} method, right before the
 * method is invoked. Built at build time (a recorded bean: no-argument constructor and properties).
 */
public class LraInvokeStep implements HandlerChainCustomizer {

    private int[] headerParams = new int[0];
    private String[] headerNames = new String[0];
    private boolean[] uriParams = new boolean[0];
    private boolean validated;

    @Override
    public List<ServerRestHandler> handlers(Phase phase, ResourceClass resourceClass,
            ServerResourceMethod resourceMethod) {
        if (phase != Phase.BEFORE_METHOD_INVOKE) {
            return List.of();
        }
        return List.of(new LraInvokeHandler(headerParams, headerNames, uriParams,
                validated));
    }

    /** The indexes of the method's parameters that are LRA headers ({@code @HeaderParam}). */
    public int[] getHeaderParams() {
        return headerParams;
    }

    public void setHeaderParams(int[] headerParams) {
        this.headerParams = headerParams;
    }

    /** The header each of {@link #getHeaderParams()} reads. */
    public String[] getHeaderNames() {
        return headerNames;
    }

    public void setHeaderNames(String[] headerNames) {
        this.headerNames = headerNames;
    }

    /** Whether each of {@link #getHeaderParams()} is a {@code java.net.URI} (else a {@code String}). */
    public boolean[] getUriParams() {
        return uriParams;
    }

    public void setUriParams(boolean[] uriParams) {
        this.uriParams = uriParams;
    }

    /** Whether the method's parameters carry Bean Validation constraints, checked before its LRA begins. */
    public boolean isValidated() {
        return validated;
    }

    public void setValidated(boolean validated) {
        this.validated = validated;
    }
}
