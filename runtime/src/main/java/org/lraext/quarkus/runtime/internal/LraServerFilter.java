package org.lraext.quarkus.runtime.internal;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.lra.annotation.ParticipantStatus;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.lraext.lra.coordinator.CoordinatorClient;
import org.lraext.lra.coordinator.CoordinatorException;
import org.lraext.lra.protocol.Action;
import org.lraext.lra.protocol.CallbackKind;
import org.lraext.lra.protocol.CallbackRules;
import org.lraext.lra.protocol.CallbackSignatures;
import org.lraext.lra.protocol.EndpointPolicy;
import org.lraext.lra.protocol.InvalidLraIdException;
import org.lraext.lra.protocol.LraHeaders;
import org.lraext.lra.protocol.TypeRules;
import org.lraext.quarkus.runtime.LraConfig;
import org.lraext.quarkus.runtime.LraJournal;


/**
 * Starts, joins, suspends and ends LRAs around Quarkus REST endpoints, from metadata computed at build time.
 * <p>
 * Per request the work is one map look-up by method id; coordinator calls are asynchronous (the request is suspended,
 * no thread waits). The filters suspend and resume the request themselves, on plain {@link CompletionStage}s: no
 * reactive pipeline, nor its context capture, per request.
 */
public class LraServerFilter {

    private static final Logger LOG = Logger.getLogger(LraServerFilter.class);
    /** Go on with the request (no answer of the filter's own). */
    private static final CompletableFuture<Response> CONTINUE = CompletableFuture.completedFuture(null);
    /** Nothing to wait for before the answer is sent. */
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final LraRegistry registry;
    private final CoordinatorClient coordinator;
    private final String configuredBaseUri;
    private final LraJournal journal;
    private final CallbackGuard guard;
    private final LraMetrics metrics;
    private final LraTracing tracing;
    private final PendingEnds pendingEnds;

    @Inject
    LraServerFilter(LraRegistry registry, CoordinatorClient coordinator, LraConfig config, LraJournal journal,
            CallbackGuard guard, LraMetrics metrics, LraTracing tracing, PendingEnds pendingEnds) {
        this.pendingEnds = pendingEnds;
        this.metrics = metrics;
        this.tracing = tracing;
        this.registry = registry;
        this.coordinator = coordinator;
        this.journal = journal;
        this.guard = guard;
        this.configuredBaseUri = config.baseUri().map(LraServerFilter::withoutTrailingSlash).orElse(null);
    }

    @ServerRequestFilter(priority = Priorities.USER - 100, nonBlocking = true)
    public void begin(ResteasyReactiveContainerRequestContext ctx, ResourceInfo info) {
        CompletableFuture<Response> decided = decide(ctx, info).toCompletableFuture();
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
                    ctx.resume(unwrap(failure));
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

    private CompletionStage<Response> decide(ResteasyReactiveContainerRequestContext ctx, ResourceInfo info) {
        Endpoint endpoint = info instanceof ResteasyReactiveResourceInfo rr ? registry.get(rr.getMethodId()) : null;
        String header = lastValue(ctx.getHeaders().get(LraHeaders.CONTEXT));
        if (endpoint == null) {
            if (header != null) {
                propagateOnly(ctx, header);
            }
            return CONTINUE;
        }
        if (endpoint.callback() != null) {
            return callback(ctx, endpoint, header);
        }
        if (endpoint.leave() && header != null) {
            URI lra;
            try {
                lra = coordinator.ids().parse(header);
            } catch (InvalidLraIdException e) {
                return abort(e.status(), e.getMessage());
            }
            return leave(ctx, endpoint, lra);
        }
        EndpointPolicy policy = endpoint.policy();
        if (policy == null) {
            return CONTINUE;
        }
        // the type's rule first: refusing, suspending or ignoring a context needs no look at the id itself
        Action action = TypeRules.decide(policy.type(), header != null);
        switch (action) {
            case REJECT:
                return abort(412, TypeRules.rejection(policy.type(), header != null) + " (" + endpoint.name() + ")");
            case RUN_OUTSIDE:
                return CONTINUE;
            case SUSPEND:
                ctx.getHeaders().remove(LraHeaders.CONTEXT);
                ctx.getHeaders().remove(LraHeaders.PARENT);
                LraContext.set(null, null);
                return CONTINUE;
            default:
                break;
        }
        URI incoming = null;
        if (header != null) {
            try {
                incoming = coordinator.ids().parse(header);
            } catch (InvalidLraIdException e) {
                return abort(e.status(), e.getMessage());
            }
        }
        LraRequestState state = new LraRequestState(endpoint, incoming);
        state.request = (ResteasyReactiveRequestContext) ctx.getServerRequestContext();
        if (action == Action.JOIN) {
            state.current = incoming;
            return enlist(ctx, state, null);
        }
        URI parent = action == Action.START_NESTED ? incoming : null;
        state.nestedParent = parent;
        return startAndEnlist(ctx, state, parent);
    }

    private CompletionStage<Response> startAndEnlist(ResteasyReactiveContainerRequestContext ctx, LraRequestState state,
            URI parent) {
        Endpoint endpoint = state.endpoint;
        return call(() -> coordinator.start(endpoint.name(), endpoint.policy().timeLimitMillis(), parent))
                .thenCompose(lra -> {
                    state.current = lra;
                    state.started = true;
                    state.aborted = false;
                    metrics.started();
                    journal.record(lra.toString(), LraJournal.Kind.STARTED, endpoint.className(), null, 201, null, 0);
                    return enlist(ctx, state, parent);
                })
                .exceptionally(t -> failure(coordinatorFailure(t)));
    }

    /**
     * Ends the request's LRA as its answer says. The answer waits for the coordinator's; meanwhile the request is
     * suspended, and it goes on where it was (a blocking method's on a worker thread: what follows may be the
     * application's blocking code, e.g. a request-scoped bean's {@code @PreDestroy}).
     */
    @ServerResponseFilter(priority = Priorities.USER - 100)
    public void end(ContainerRequestContext req, ContainerResponseContext resp) {
        Object property = req.getProperty(LraRequestState.PROPERTY);
        if (!(property instanceof LraRequestState state)) {
            return;
        }
        CompletionStage<Void> ending = ending(state, resp);
        if (ending == DONE) {
            return;
        }
        ResteasyReactiveRequestContext request = state.request;
        request.suspend();
        ending.whenComplete((v, failure) -> {
            if (failure != null) {
                // (ending handles every failure of the coordinator call: this is a defect of ours, the answer stands)
                LOG.errorf(unwrap(failure), "Ending LRA %s failed", state.current);
            }
            request.resume();
        });
    }

    private CompletionStage<Void> ending(LraRequestState state, ContainerResponseContext resp) {
        Endpoint endpoint = state.endpoint;
        if (endpoint == null) {
            putIfAbsent(resp, LraHeaders.CONTEXT, state.incoming.toString());
            return DONE;
        }
        if (endpoint.callback() != null) {
            answerCallback(endpoint.callback(), resp);
            if (!endpoint.proxy()) {
                guard.answered(endpoint.callback(), endpoint.className(), state.callbackLra, resp.getStatus(),
                        resp.getEntity());
                metrics.callback(endpoint.callback(), resp.getStatus());
            }
            if (journal.enabled()) {
                journal.record(state.callbackLra, LraJournal.Kind.CALLBACK, endpoint.className(), endpoint.callback().rel(),
                        resp.getStatus(), null, System.nanoTime() - state.startNanos);
            }
            return DONE;
        }
        URI lra = state.current;
        state.responded = true;
        if (lra == null || state.aborted) {
            return DONE;
        }
        EndpointPolicy.Outcome outcome = endpoint.policy().outcome(resp.getStatus());
        // the caller goes on in this LRA; after a nested one ends, that is its parent again
        URI next = state.nestedParent != null && outcome != EndpointPolicy.Outcome.KEEP ? state.nestedParent : lra;
        putIfAbsent(resp, LraHeaders.CONTEXT, next.toString());
        if (outcome == EndpointPolicy.Outcome.KEEP) {
            return DONE;
        }
        boolean cancel = outcome == EndpointPolicy.Outcome.CANCEL;
        state.ended = true;
        LraJournal.Kind kind = cancel ? LraJournal.Kind.CANCEL_REQUESTED : LraJournal.Kind.CLOSE_REQUESTED;
        long started = System.nanoTime();
        return call(() -> cancel ? coordinator.cancel(lra) : coordinator.close(lra)).handle((status, t) -> {
            if (t == null) {
                resp.getHeaders().putSingle(LraHeaders.ENDED, lra.toString());
                metrics.ended(cancel, true);
                journal.record(lra.toString(), kind, endpoint.className(), null, 200, status, System.nanoTime() - started);
                return null;
            }
            CoordinatorException e = coordinatorFailure(t);
            metrics.ended(cancel, false);
            journal.record(lra.toString(), kind, endpoint.className(), null, e.status(), e.getMessage(),
                    System.nanoTime() - started);
            boolean retried = PendingEnds.unreachable(e);
            if (retried) {
                pendingEnds.add(lra, cancel);
            }
            endFailed(resp, lra, cancel, e, retried);
            return null;
        });
    }

    private CompletionStage<Response> enlist(ResteasyReactiveContainerRequestContext ctx, LraRequestState state, URI parent) {
        URI lra = state.current;
        ctx.setProperty(LraRequestState.PROPERTY, state);
        if (!state.completionWatched) {
            state.completionWatched = true;
            ResteasyReactiveRequestContext request = state.request;
            request.registerCompletionCallback(failure -> {
                if (!state.responded && !state.aborted) {
                    Throwable thrown = failure != null ? failure : request.getThrowable();
                    endUnanswered(state, thrown, thrown == null ? request.getResult() : null);
                }
            });
        }
        ctx.getHeaders().putSingle(LraHeaders.CONTEXT, lra.toString());
        if (parent != null) {
            ctx.getHeaders().putSingle(LraHeaders.PARENT, parent.toString());
        }
        LraContext.set(lra, parent);
        tracing.inLra(lra);
        if (state.endpoint.participant() == null) {
            return CONTINUE;
        }
        String link = state.endpoint.participant().linkHeader(baseUri(ctx),
                guard.signedQuery(lra, state.endpoint.className()));
        return call(() -> coordinator.join(lra, state.endpoint.policy().timeLimitMillis(), link)).handle((recovery, t) -> {
            if (t == null) {
                metrics.joined();
                journal.record(lra.toString(), LraJournal.Kind.JOINED, state.endpoint.className(), null, 200, null, 0);
                if (recovery != null) {
                    ctx.getHeaders().putSingle(LraHeaders.RECOVERY, recovery.toString());
                }
                return CONTINUE;
            }
            return joinFailed(ctx, state, parent, coordinatorFailure(t));
        }).thenCompose(Function.identity());
    }

    /** The join failed: the method will not run. */
    private CompletionStage<Response> joinFailed(ResteasyReactiveContainerRequestContext ctx, LraRequestState state,
            URI parent, CoordinatorException e) {
        URI lra = state.current;
        // its end / cancelOn rules do not apply to the caller's LRA
        state.aborted = true;
        if (!state.started) {
            return CompletableFuture.completedFuture(failure(e));
        }
        // the LRA was started for this request only: do not leave it behind
        // (when its coordinator is the one that failed, the cancel waits for it to come back)
        CompletionStage<Response> cancelled = call(() -> coordinator.cancel(lra)).handle((s, c) -> {
            if (c != null) {
                if (PendingEnds.unreachable(unwrap(c))) {
                    pendingEnds.add(lra, true);
                } else {
                    LOG.warnf("Could not cancel LRA %s after a failed join: %s", lra, unwrap(c).getMessage());
                }
            }
            return failure(e);
        });
        // (e.getCause() set: nothing answered; an answered 5xx has none)
        if (parent != null || state.restarted || !PendingEnds.unreachable(e) || e.getCause() == null
                || !coordinator.canStartElsewhere()) {
            return cancelled;
        }
        // its coordinator went down between the start and the join: the method has not run, so the request starts its
        // LRA again, on another coordinator (the first one's cancel goes on meanwhile)
        state.restarted = true;
        coordinator.failed(lra);
        LOG.infof("The coordinator of LRA %s failed its join (%s); starting the request's LRA again", lra, e.getMessage());
        return startAndEnlist(ctx, state, null);
    }

    private CompletionStage<Response> callback(ResteasyReactiveContainerRequestContext ctx, Endpoint endpoint,
            String header) {
        LraRequestState state = new LraRequestState(endpoint, null);
        CallbackKind kind = endpoint.callback();
        String ended = kind == CallbackKind.AFTER ? lastValue(ctx.getHeaders().get(LraHeaders.ENDED)) : null;
        state.callbackLra = ended != null ? ended : header;
        if (journal.enabled()) {
            state.startNanos = System.nanoTime();
        }
        ctx.setProperty(LraRequestState.PROPERTY, state);
        // the proxy of plain-method participants guards each call itself, knowing which participant it is for
        Response stop = endpoint.proxy() ? null : guard.check(kind, endpoint.className(), state.callbackLra,
                guard.signs() ? ctx.getUriInfo().getQueryParameters().getFirst(CallbackSignatures.PARAMETER) : null);
        if (stop != null) {
            return CompletableFuture.completedFuture(stop);
        }
        if (header != null) {
            URI lra = trustedOrNull(header);
            if (lra != null) {
                LraContext.set(lra, trustedOrNull(lastValue(ctx.getHeaders().get(LraHeaders.PARENT))));
                tracing.inLra(lra);
            }
        }
        return CONTINUE;
    }

    private CompletionStage<Response> leave(ContainerRequestContext ctx, Endpoint endpoint, URI lra) {
        LraContext.set(lra, null);
        tracing.inLra(lra);
        if (endpoint.participant() == null) {
            return CONTINUE;
        }
        String link = endpoint.participant().linkHeader(baseUri(ctx), guard.signedQuery(lra, endpoint.className()));
        return call(() -> coordinator.leave(lra, link)).handle((v, t) -> {
            if (t != null) {
                return failure(coordinatorFailure(t));
            }
            journal.record(lra.toString(), LraJournal.Kind.LEFT, endpoint.className(), null, 200, null, 0);
            return null;
        });
    }

    private void propagateOnly(ContainerRequestContext ctx, String header) {
        URI lra = trustedOrNull(header);
        // a method without @LRA does not see the context (MicroProfile LRA), but its outgoing calls carry it
        ctx.getHeaders().remove(LraHeaders.CONTEXT);
        if (lra == null) {
            return;
        }
        String parentHeader = lastValue(ctx.getHeaders().get(LraHeaders.PARENT));
        ctx.getHeaders().remove(LraHeaders.PARENT);
        LraContext.set(lra, parentHeader == null ? null : trustedOrNull(parentHeader));
        ctx.setProperty(LraRequestState.PROPERTY, new LraRequestState(null, lra));
    }

    private URI trustedOrNull(String header) {
        if (header == null) {
            return null;
        }
        try {
            return coordinator.ids().parse(header);
        } catch (InvalidLraIdException e) {
            LOG.debugf("Ignoring the LRA context %s: %s", header, e.getMessage());
            return null;
        }
    }

    private static void answerCallback(CallbackKind kind, ContainerResponseContext resp) {
        int status = resp.getStatus();
        if (resp.getEntity() instanceof ParticipantStatus ps) {
            // the coordinator reads the status name as text; @Status always answers 200 with it
            int mapped = status == 200 && kind != CallbackKind.STATUS ? CallbackRules.statusCode(ps) : status;
            resp.setStatus(mapped);
            resp.setEntity(ps.name(), null, MediaType.TEXT_PLAIN_TYPE);
            return;
        }
        int answer = CallbackRules.answerCode(kind, status);
        if (answer != status) {
            resp.setStatus(answer);
        }
    }

    /**
     * The request ended without passing the response filters: the client went away (the method's answer could not be
     * sent), or an exception no mapper handled. The LRA must not stay active forever, so it ends as the method's answer
     * says: the status it returned, 500 for an exception.
     */
    private void endUnanswered(LraRequestState state, Throwable failure, Object result) {
        URI lra = state.current;
        int status = unansweredStatus(failure, result);
        EndpointPolicy.Outcome outcome = state.endpoint.policy().outcome(status);
        if (outcome == EndpointPolicy.Outcome.KEEP) {
            return;
        }
        boolean cancel = outcome == EndpointPolicy.Outcome.CANCEL;
        state.ended = true;
        LOG.debugf("Request in LRA %s ended without a response (%s, status %d): %s it", lra, failure, status,
                cancel ? "cancelling" : "closing");
        (cancel ? coordinator.cancel(lra) : coordinator.close(lra)).whenComplete((s, t) -> {
            metrics.ended(cancel, t == null);
            if (t != null && PendingEnds.unreachable(t)) {
                pendingEnds.add(lra, cancel);
            } else if (t != null) {
                LOG.warnf("Could not %s LRA %s after its request failed: %s", cancel ? "cancel" : "close", lra,
                        t.getMessage());
            }
        });
    }

    private static int unansweredStatus(Throwable failure, Object result) {
        if (failure != null) {
            return failure instanceof WebApplicationException wae && wae.getResponse() != null
                    ? wae.getResponse().getStatus()
                    : 500;
        }
        if (result instanceof Response r) {
            return r.getStatus();
        }
        if (result instanceof RestResponse<?> r) {
            return r.getStatus();
        }
        // an entity is a 200; no result and no exception is a method that returned nothing: 204
        return result != null ? 200 : 204;
    }

    private static void endFailed(ContainerResponseContext resp, URI lra, boolean cancel, CoordinatorException e,
            boolean retried) {
        if (e.status() == 412) {
            // it ended already, e.g. its time limit passed: the caller's answer stands
            LOG.debugf("LRA %s had already ended: %s", lra, e.getMessage());
            return;
        }
        LOG.warnf("Could not %s LRA %s: %s", cancel ? "cancel" : "close", lra, e.getMessage());
        resp.setStatus(e.status());
        resp.setEntity("The LRA " + lra + " could not be " + (cancel ? "cancelled" : "closed") + ": " + e.getMessage()
                + (retried ? " (it will be " + (cancel ? "cancelled" : "closed") + " as soon as its coordinator answers)"
                        : ""),
                null, MediaType.TEXT_PLAIN_TYPE);
    }

    private String baseUri(ContainerRequestContext ctx) {
        return configuredBaseUri != null ? configuredBaseUri : ctx.getUriInfo().getBaseUri().toString();
    }

    private static Response failure(CoordinatorException e) {
        return Response.status(e.status()).entity(e.getMessage()).type(MediaType.TEXT_PLAIN_TYPE).build();
    }

    private static CompletionStage<Response> abort(int status, String message) {
        return CompletableFuture
                .completedFuture(Response.status(status).entity(message).type(MediaType.TEXT_PLAIN_TYPE).build());
    }

    /** A coordinator call; one that throws instead of failing its stage fails the stage too. */
    private static <T> CompletionStage<T> call(Supplier<CompletionStage<T>> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    /** The coordinator's failure; anything else is not ours to answer and goes on as it is. */
    private static CoordinatorException coordinatorFailure(Throwable t) {
        Throwable cause = unwrap(t);
        if (cause instanceof CoordinatorException e) {
            return e;
        }
        throw cause instanceof CompletionException ce ? ce : new CompletionException(cause);
    }

    private static void putIfAbsent(ContainerResponseContext resp, String name, String value) {
        if (!resp.getHeaders().containsKey(name)) {
            resp.getHeaders().putSingle(name, value);
        }
    }

    private static String lastValue(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        String v = values.get(values.size() - 1);
        return v == null ? null : v.trim();
    }

    private static String withoutTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

}
