package org.lraext.quarkus.runtime.internal;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.lraext.lra.coordinator.Failures;
import org.lraext.lra.protocol.LraHeaders;
import org.lraext.lra.protocol.LraIds;

/**
 * The entry of every Quarkus REST request: finds what the build learnt of its endpoint (one map look-up by method
 * id) and hands the request to the collaborator that owns it — {@link Enlister} for {@code @LRA} and {@code @Leave}
 * methods, {@link CallbackHandler} for participant callbacks — and, on the way out, to {@link Ender} or the callback
 * handler again. Requests of other endpoints only carry a trusted LRA context on to their outgoing calls.
 * <p>
 * Coordinator calls are asynchronous: the request is suspended meanwhile and no thread waits. The filters suspend and
 * resume it themselves, on plain {@link CompletionStage}s: no reactive pipeline, nor its context capture, per request.
 */
public class LraServerFilter {

    private static final Logger LOG = Logger.getLogger(LraServerFilter.class);

    /** The LRA a request without {@code @LRA} arrived in, to hand back in its answer. */
    private record Propagated(URI lra) {
        static final String PROPERTY = Propagated.class.getName();
    }

    private final LraRegistry registry;
    private final LraIds ids;
    private final Enlister enlister;
    private final Ender ender;
    private final CallbackHandler callbacks;
    private final CoordinatorCredentials credentials;

    @Inject
    LraServerFilter(LraRegistry registry, LraIds ids, Enlister enlister, Ender ender, CallbackHandler callbacks,
            CoordinatorCredentials credentials) {
        this.registry = registry;
        this.ids = ids;
        this.enlister = enlister;
        this.ender = ender;
        this.callbacks = callbacks;
        this.credentials = credentials;
    }

    @ServerRequestFilter(priority = Priorities.USER - 100, nonBlocking = true)
    public void begin(ResteasyReactiveContainerRequestContext ctx, ResourceInfo info) {
        CompletableFuture<Response> decided = route(ctx, info).toCompletableFuture();
        if (decided.isDone() && !decided.isCompletedExceptionally()) {
            Response answer = decided.join();
            if (answer != null) {
                ctx.abortWith(answer);
            }
            return;
        }
        ctx.suspend();
        decided.whenComplete((answer, failure) -> {
            try {
                if (failure != null) {
                    ctx.resume(Failures.cause(failure));
                } else if (answer != null) {
                    ctx.abortWith(answer); // (resumes the suspended request itself)
                } else {
                    ctx.resume();
                }
            } catch (RuntimeException e) {
                ctx.resume(e);
            }
        });
    }

    private CompletionStage<Response> route(ResteasyReactiveContainerRequestContext ctx, ResourceInfo info) {
        Endpoint endpoint = info instanceof ResteasyReactiveResourceInfo rr ? registry.get(rr.getMethodId()) : null;
        if (credentials.propagates() && (endpoint == null || endpoint.role() == Endpoint.Role.IN_LRA
                || endpoint.role() == Endpoint.Role.LEAVE)) {
            // any request may ask the coordinator for something (its @LRA, or LraClient in its method); a callback,
            // JAX-RS or plain (the extension's own proxy endpoints), carries the coordinator's own token, which is not
            // sent back to it
            credentials.remember(ctx.getHeaders().get(HttpHeaders.AUTHORIZATION));
        }
        String header = Replies.lastValue(ctx.getHeaders().get(LraHeaders.CONTEXT));
        if (endpoint == null) {
            if (header != null) {
                propagateOnly(ctx, header);
            }
            return Replies.CONTINUE;
        }
        return switch (endpoint.role()) {
            case IN_LRA -> enlister.enter(ctx, endpoint, header);
            case CALLBACK -> callbacks.admit(ctx, endpoint, header);
            case LEAVE -> header != null ? enlister.leave(ctx, endpoint, header)
                    : endpoint.policy() != null ? enlister.enter(ctx, endpoint, null) : Replies.CONTINUE;
            case OWN -> Replies.CONTINUE;
        };
    }

    /** A method without {@code @LRA} does not see the context (MicroProfile LRA), but its outgoing calls carry it. */
    private void propagateOnly(ContainerRequestContext ctx, String header) {
        URI lra = ids.parseOrNull(header);
        ctx.getHeaders().remove(LraHeaders.CONTEXT);
        if (lra == null) {
            return;
        }
        String parent = Replies.lastValue(ctx.getHeaders().get(LraHeaders.PARENT));
        ctx.getHeaders().remove(LraHeaders.PARENT);
        LraContext.set(lra, ids.parseOrNull(parent));
        ctx.setProperty(Propagated.PROPERTY, new Propagated(lra));
    }

    /**
     * The answer goes out: an LRA request's LRA ends as the answer says, a callback's answer is put in the
     * coordinator's terms. The answer waits for the coordinator's; meanwhile the request is suspended, and it goes on
     * where it was (a blocking method's on a worker thread: what follows may be the application's blocking code, e.g. a
     * request-scoped bean's {@code @PreDestroy}).
     */
    @ServerResponseFilter(priority = Priorities.USER - 100)
    public void end(ContainerRequestContext req, ContainerResponseContext resp) {
        if (req.getProperty(LraRequest.PROPERTY) instanceof LraRequest request) {
            CompletionStage<Void> ending = ender.answered(request, resp);
            if (ending == Replies.DONE) {
                return;
            }
            ResteasyReactiveRequestContext processing = request.processing;
            processing.suspend();
            ending.whenComplete((v, failure) -> {
                if (failure != null) {
                    // (the ender handles every failure of the coordinator call: this is a defect of ours)
                    LOG.errorf(Failures.cause(failure), "Ending LRA %s failed", request.lra);
                }
                processing.resume();
            });
        } else if (req.getProperty(CallbackHandler.Call.PROPERTY) instanceof CallbackHandler.Call call) {
            callbacks.answered(call, resp);
        } else if (req.getProperty(Propagated.PROPERTY) instanceof Propagated propagated) {
            Replies.putIfAbsent(resp, LraHeaders.CONTEXT, propagated.lra().toString());
        }
    }
}
