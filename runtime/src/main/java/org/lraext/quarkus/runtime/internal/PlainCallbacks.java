package org.lraext.quarkus.runtime.internal;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.invoke.Invoker;
import jakarta.inject.Singleton;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.eclipse.microprofile.lra.annotation.ParticipantStatus;
import org.jboss.logging.Logger;
import org.lraext.lra.coordinator.Failures;
import org.lraext.lra.protocol.CallbackKind;

import io.smallrye.mutiny.Uni;

/**
 * The participant callbacks that are plain bean methods (MicroProfile LRA "non-JAX-RS participant methods"): a call is
 * one map look-up and one call of the method's generated invoker; the result becomes the answer the coordinator
 * understands.
 */
@Singleton
public class PlainCallbacks {

    private static final Logger LOG = Logger.getLogger(PlainCallbacks.class);

    private record Target(Invoker<Object, Object> invoker, int arity, String display) {
    }

    /** By participant class, then callback; set once at start-up. */
    private volatile Map<String, Map<CallbackKind, Target>> targets = Map.of();

    /** The callbacks the build found, with their invokers: called once, at start-up. */
    void init(List<PlainCallback> recorded) {
        Map<String, Map<CallbackKind, Target>> map = new HashMap<>();
        for (PlainCallback c : recorded) {
            map.computeIfAbsent(c.getParticipant(), p -> new HashMap<>()).put(CallbackKind.ofRel(c.getRel()),
                    new Target(c.getInvoker().getValue(), c.getArity(), c.getDisplay()));
        }
        map.replaceAll((k, v) -> Map.copyOf(v));
        this.targets = Map.copyOf(map);
    }

    /** Whether the participant class has this plain callback. */
    boolean has(String participant, CallbackKind kind) {
        Map<CallbackKind, Target> of = targets.get(participant);
        return of != null && of.containsKey(kind);
    }

    /**
     * Calls a participant's method.
     *
     * @param lra the LRA (for {@code @AfterLRA}, the ended one)
     * @param parent its parent, or null
     * @param body for {@code @AfterLRA}, the LRA's final status
     */
    CompletionStage<Response> invoke(String participant, CallbackKind kind, String lra, String parent, String body) {
        Map<CallbackKind, Target> of = targets.get(participant);
        Target target = of == null ? null : of.get(kind);
        if (target == null) {
            return done(Replies.text(404, "No " + kind.annotationSimpleName() + " method for participant " + participant));
        }
        Object[] args = new Object[target.arity];
        try {
            if (target.arity > 0) {
                args[0] = lra == null ? null : URI.create(lra);
            }
            if (target.arity > 1) {
                args[1] = kind == CallbackKind.AFTER ? LRAStatus.valueOf(body == null ? "" : body.trim())
                        : parent == null ? null : URI.create(parent);
            }
        } catch (IllegalArgumentException e) {
            return done(Replies.text(400, "Bad " + kind.rel() + " callback: " + e.getMessage()));
        }
        Object result;
        try {
            result = target.invoker.invoke(null, args);
        } catch (Exception e) {
            return done(failure(kind, e, target));
        }
        CompletionStage<?> async = result instanceof CompletionStage<?> stage ? stage
                : result instanceof Uni<?> uni ? uni.subscribeAsCompletionStage() : null;
        if (async == null) {
            return done(answer(kind, result));
        }
        return async.handle((value, failure) -> failure == null ? answer(kind, value) : failure(kind, failure, target));
    }

    private static Response answer(CallbackKind kind, Object value) {
        if (value instanceof Response r) {
            return r;
        }
        if (value instanceof ParticipantStatus ps) {
            return CallbackHandler.participantStatus(kind, ps);
        }
        // void: the work is done
        return switch (kind) {
            case COMPENSATE -> Replies.text(200, ParticipantStatus.Compensated.name());
            case COMPLETE -> Replies.text(200, ParticipantStatus.Completed.name());
            default -> Response.ok().build();
        };
    }

    private static Response failure(CallbackKind kind, Throwable t, Target target) {
        Throwable cause = Failures.cause(t);
        if (cause instanceof WebApplicationException wae) {
            return wae.getResponse();
        }
        LOG.warnf(cause, "LRA participant method %s failed", target.display);
        return switch (kind) {
            case COMPENSATE -> Replies.text(409, ParticipantStatus.FailedToCompensate.name());
            case COMPLETE -> Replies.text(409, ParticipantStatus.FailedToComplete.name());
            default -> Replies.text(500, String.valueOf(cause.getMessage()));
        };
    }

    private static CompletionStage<Response> done(Response r) {
        return CompletableFuture.completedFuture(r);
    }
}
