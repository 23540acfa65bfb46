package org.lraext.quarkus.runtime.internal;

import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import jakarta.ws.rs.core.Response;

/**
 * The coordinator work a request's LRA needs (a start, a join or a leave), decided by the request filter and done by
 * {@link LraInvokeHandler} once the method's parameters are resolved: a request Quarkus REST or Bean Validation refuses
 * first (a body that does not parse, invalid fields) never costs the coordinator anything.
 *
 * @param work the calls; completes with the answer that stops the request, or null to run the method
 */
record Deferred(Supplier<CompletionStage<Response>> work) {

    static final String PROPERTY = Deferred.class.getName();
}
