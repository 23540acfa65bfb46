package org.lraext.quarkus.runtime.internal;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

import io.quarkus.arc.ClientProxy;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;

/**
 * Bean Validation of an {@code @LRA} method's parameters, before its LRA begins: an invalid request is answered 400
 * with the same violation report Quarkus gives (the method's own validation interceptor would only see it after the LRA
 * had been started or joined). The parameters that read an LRA header get their value only once the LRA is begun:
 * their constraints are left to the method's own validation. Only for methods whose parameters carry constraints, and
 * only when the application has Hibernate Validator: only then is this a bean, and nothing else refers to it.
 */
@Singleton
public class ParameterValidation implements ParameterCheck {

    private final Validator validator;

    @Inject
    ParameterValidation(Validator validator) {
        this.validator = validator;
    }

    @Override
    public void check(ResteasyReactiveRequestContext request, int[] lraHeaderParams) {
        Validator v = validator;
        Set<ConstraintViolation<Object>> violations = v.forExecutables().validateParameters(
                ClientProxy.unwrap(request.getEndpointInstance()), request.getResteasyReactiveResourceInfo().getMethod(),
                request.getParameters());
        if (!violations.isEmpty() && lraHeaderParams.length > 0) {
            violations = violations.stream().filter(violation -> !onLraHeader(violation, lraHeaderParams))
                    .collect(Collectors.toSet());
        }
        if (!violations.isEmpty()) {
            throw new ResteasyReactiveViolationException(violations);
        }
    }

    /** Whether the violation is about a parameter that reads an LRA header (it gets its value after this check). */
    private static boolean onLraHeader(ConstraintViolation<Object> violation, int[] lraHeaderParams) {
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
