package org.lraext.quarkus.runtime.internal;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ServerRestHandler;
import org.lraext.lra.coordinator.Failures;

import io.quarkus.arc.Arc;

/**
 * The step of an {@code @LRA} or {@code @Leave} method's handler chain that runs once its parameters are resolved
 * (the body read and mapped), right before the method: validates the parameters when they carry constraints, then does
 * the coordinator work the request filter deferred ({@link Deferred}: start, join or leave), and gives the method's LRA
 * header parameters the LRA it now runs in. A request refused before this point (a body that does not parse, an
 * unsupported media type, invalid fields) has started, joined or left nothing.
 * <p>
 * The coordinator calls are asynchronous: the request is suspended meanwhile and resumes where it was (the worker
 * thread of a blocking method).
 */
final class LraInvokeHandler implements ServerRestHandler {

    private final int[] headerParams;
    private final String[] headerNames;
    private final boolean[] uriParams;
    /** Whether the method's parameters carry constraints (then Hibernate Validator is present). */
    private final boolean validated;
    /** The check, looked up at the first request that needs it (a run-time bean). */
    private volatile ParameterCheck check;

    LraInvokeHandler(int[] headerParams, String[] headerNames, boolean[] uriParams, boolean validated) {
        this.headerParams = headerParams;
        this.headerNames = headerNames;
        this.uriParams = uriParams;
        this.validated = validated;
    }

    @Override
    public void handle(ResteasyReactiveRequestContext request) {
        if (!(request.getProperty(Deferred.PROPERTY) instanceof Deferred deferred)) {
            return; // the filter decided without the coordinator: the method runs outside, or as the request came
        }
        request.removeProperty(Deferred.PROPERTY);
        if (validated) {
            ParameterCheck c = check;
            if (c == null) {
                c = Arc.container().instance(ParameterCheck.class).get();
                check = c;
            }
            c.check(request, headerParams); // throws: answered 400 with the violations, no LRA work done
        }
        CompletableFuture<Response> decided = deferred.work().get().toCompletableFuture();
        if (decided.isDone() && !decided.isCompletedExceptionally()) {
            proceed(request, decided.join());
            return;
        }
        request.suspend();
        decided.whenComplete((answer, failure) -> {
            try {
                if (failure != null) {
                    request.resume(Failures.cause(failure));
                } else {
                    proceed(request, answer);
                    if (answer == null) {
                        request.resume();
                    }
                }
            } catch (RuntimeException e) {
                request.resume(e);
            }
        });
    }

    /** Stops the request with {@code answer}, or readies the method's LRA header parameters. */
    private void proceed(ResteasyReactiveRequestContext request, Response answer) {
        if (answer != null) {
            request.abortWith(answer); // (resumes a suspended request itself)
            return;
        }
        Object[] params = request.getParameters();
        for (int i = 0; i < headerParams.length; i++) {
            Object value = request.getHeader(headerNames[i], true);
            String text = value == null ? null : value.toString();
            params[headerParams[i]] = text == null || !uriParams[i] ? text : URI.create(text);
        }
    }
}
