package org.lraext.quarkus.runtime.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.eclipse.microprofile.lra.annotation.ParticipantStatus;
import org.jboss.logging.Logger;
import org.lraext.lra.protocol.CallbackKind;
import org.lraext.lra.protocol.CallbackRules;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableInstance;
import io.smallrye.mutiny.Uni;

/**
 * The participant callbacks that are plain CDI bean methods, resolved once at start-up into method handles; a
 * callback is one map look-up and one handle invocation on the participant's bean.
 */
public final class NonJaxRsCallbacks {

    private static final Logger LOG = Logger.getLogger(NonJaxRsCallbacks.class);

    private record Target(InjectableInstance<?> bean, MethodHandle handle, int arity, String display) {
    }

    private final Map<String, Target> targets;

    /**
     * @param recorded {@code participantClass|rel} to {@code participantClass#method(paramType,...)}
     */
    NonJaxRsCallbacks(Map<String, String> recorded) {
        Map<String, Target> map = new HashMap<>();
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        recorded.forEach((key, target) -> {
            int hash = target.indexOf('#');
            int open = target.indexOf('(');
            String className = target.substring(0, hash);
            String methodName = target.substring(hash + 1, open);
            String params = target.substring(open + 1, target.length() - 1);
            try {
                Class<?> beanClass = Class.forName(className, false, cl);
                String[] names = params.isEmpty() ? new String[0] : params.split(",");
                Class<?>[] types = new Class<?>[names.length];
                for (int i = 0; i < names.length; i++) {
                    types[i] = Class.forName(names[i], false, cl);
                }
                Method method = beanClass.getMethod(methodName, types);
                MethodHandle handle = MethodHandles.publicLookup().unreflect(method);
                map.put(key, new Target(Arc.container().select(beanClass), handle, types.length, target));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("LRA participant method " + target + " cannot be called", e);
            }
        });
        this.targets = Map.copyOf(map);
    }

    /** Whether there are any. */
    public boolean isEmpty() {
        return targets.isEmpty();
    }

    Uni<Response> invoke(String participant, CallbackKind kind, String lra, String parent, String body) {
        Target target = targets.get(participant + "|" + kind.rel());
        if (target == null) {
            return Uni.createFrom().item(Response.status(404).type(MediaType.TEXT_PLAIN_TYPE)
                    .entity("No " + kind.annotationSimpleName() + " method for participant " + participant).build());
        }
        Object[] args = new Object[target.arity + 1];
        try {
            args[0] = target.bean.get();
            if (kind == CallbackKind.AFTER) {
                args[1] = lra == null ? null : URI.create(lra);
                args[2] = LRAStatus.valueOf(body == null ? "" : body.trim());
            } else {
                if (target.arity > 0) {
                    args[1] = lra == null ? null : URI.create(lra);
                }
                if (target.arity > 1) {
                    args[2] = parent == null ? null : URI.create(parent);
                }
            }
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(Response.status(400).type(MediaType.TEXT_PLAIN_TYPE)
                    .entity("Bad " + kind.rel() + " callback: " + e.getMessage()).build());
        }
        Object result;
        try {
            result = target.handle.invokeWithArguments(args);
        } catch (Throwable t) {
            return Uni.createFrom().item(failure(kind, t, target));
        }
        if (result instanceof CompletionStage<?> stage) {
            return Uni.createFrom().completionStage(stage).onItem().transform(v -> answer(kind, v))
                    .onFailure().recoverWithItem(t -> failure(kind, t, target));
        }
        if (result instanceof Uni<?> uni) {
            return uni.onItem().transform(v -> answer(kind, v)).onFailure().recoverWithItem(t -> failure(kind, t, target));
        }
        return Uni.createFrom().item(answer(kind, result));
    }

    private static Response answer(CallbackKind kind, Object value) {
        if (value instanceof Response r) {
            return r;
        }
        if (value instanceof ParticipantStatus ps) {
            int code = kind == CallbackKind.STATUS ? 200 : CallbackRules.statusCode(ps);
            return Response.status(code).type(MediaType.TEXT_PLAIN_TYPE).entity(ps.name()).build();
        }
        // void: the work is done
        return switch (kind) {
            case COMPENSATE -> text(ParticipantStatus.Compensated.name());
            case COMPLETE -> text(ParticipantStatus.Completed.name());
            default -> Response.ok().build();
        };
    }

    private static Response failure(CallbackKind kind, Throwable t, Target target) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (cause instanceof WebApplicationException wae) {
            return wae.getResponse();
        }
        LOG.warnf(cause, "LRA participant method %s failed", target.display);
        return switch (kind) {
            case COMPENSATE -> Response.status(409).type(MediaType.TEXT_PLAIN_TYPE)
                    .entity(ParticipantStatus.FailedToCompensate.name()).build();
            case COMPLETE -> Response.status(409).type(MediaType.TEXT_PLAIN_TYPE)
                    .entity(ParticipantStatus.FailedToComplete.name()).build();
            default -> Response.serverError().type(MediaType.TEXT_PLAIN_TYPE).entity(String.valueOf(cause.getMessage()))
                    .build();
        };
    }

    private static Response text(String s) {
        return Response.ok(s).type(MediaType.TEXT_PLAIN_TYPE).build();
    }
}
