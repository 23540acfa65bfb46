package org.lraext.quarkus.runtime.internal;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

/**
 * Checks an {@code @LRA} method's parameters before its LRA begins ({@link ParameterValidation}, a bean only in
 * applications with Hibernate Validator: nothing here names its types, so an application without it, native ones
 * included, never loads them).
 */
public interface ParameterCheck {

    /**
     * Throws what Quarkus answers 400 with when the parameters are invalid.
     *
     * @param lraHeaderParams the parameters that read an LRA header: not set yet, left to the method's own validation
     */
    void check(ResteasyReactiveRequestContext request, int[] lraHeaderParams);
}
