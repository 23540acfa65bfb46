package org.lraext.quarkus.runtime.internal;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;

/**
 * Bean Validation of an {@code @LRA} method's parameters, before its LRA begins: an invalid request is answered 400
 * with the same violation report Quarkus gives (the method's own validation interceptor would only see it after the LRA
 * had been started or joined). The parameters that read an LRA header get their value only once the LRA is begun:
 * their constraints are left to the method's own validation. Only for methods whose parameters carry constraints, and
 * only when the application has Hibernate Validator: this class is loaded for nothing else.
 */
final class ParameterValidation {

    /** The parameters that read an LRA header: not set yet at this point, checked by the method's own validation. */
    private final int[] lraHeaderParams;
    /** Looked up at the first request (the validator is a run-time bean). */
    private volatile Validator validator;

    ParameterValidation(int[] lraHeaderParams) {
        this.lraHeaderParams = lraHeaderParams;
    }

    void check(ResteasyReactiveRequestContext request) {
        Validator v = validator;
        if (v == null) {
            v = Arc.container().instance(Validator.class).get();
            validator = v;
        }
        Set<ConstraintViolation<Object>> violations = v.forExecutables().validateParameters(
                ClientProxy.unwrap(request.getEndpointInstance()), request.getResteasyReactiveResourceInfo().getMethod(),
                request.getParameters());
        if (!violations.isEmpty() && lraHeaderParams.length > 0) {
            violations = violations.stream().filter(violation -> !onLraHeader(violation)).collect(Collectors.toSet());
        }
        if (!violations.isEmpty()) {
            throw new ResteasyReactiveViolationException(violations);
        }
    }

    /** Whether the violation is about a parameter that reads an LRA header (it gets its value after this check). */
    private boolean onLraHeader(ConstraintViolation<Object> violation) {
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                int index = node.as(Path.ParameterNode.class).getParameterIndex();
                for (int p : lraHeaderParams) {
                    if (p == index) {
                        return true;
                    }
                }
                return false;
            }
        }
        return false;
    }
}
