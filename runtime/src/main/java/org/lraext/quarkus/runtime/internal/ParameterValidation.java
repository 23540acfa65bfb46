package org.lraext.quarkus.runtime.internal;

import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;

/**
 * Bean Validation of an {@code @LRA} method's parameters, before its LRA begins: an invalid request is answered 400
 * with the same violation report Quarkus gives (the method's own validation interceptor would only see it after the LRA
 * had been started or joined). Only for methods whose parameters carry constraints, and only when the application has
 * Hibernate Validator: this class is loaded for nothing else.
 */
final class ParameterValidation {

    /** Looked up at the first request (the validator is a run-time bean). */
    private volatile Validator validator;

    void check(ResteasyReactiveRequestContext request) {
        Validator v = validator;
        if (v == null) {
            v = Arc.container().instance(Validator.class).get();
            validator = v;
        }
        Set<ConstraintViolation<Object>> violations = v.forExecutables().validateParameters(
                ClientProxy.unwrap(request.getEndpointInstance()), request.getResteasyReactiveResourceInfo().getMethod(),
                request.getParameters());
        if (!violations.isEmpty()) {
            throw new ResteasyReactiveViolationException(violations);
        }
    }
}
