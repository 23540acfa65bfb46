package org.lraext.quarkus.runtime.internal;

import java.net.URI;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;
import org.lraext.lra.coordinator.CoordinatorClient;
import org.lraext.lra.coordinator.CoordinatorException;
import org.lraext.lra.coordinator.Enlistment;
import org.lraext.lra.coordinator.Failures;
import org.lraext.lra.protocol.Action;
import org.lraext.lra.protocol.EndpointPolicy;
import org.lraext.lra.protocol.InvalidLraIdException;
import org.lraext.lra.protocol.LraHeaders;
import org.lraext.lra.protocol.TypeRules;
import org.lraext.quarkus.runtime.LraJournal;

/**
 * Puts a request into its LRA before its method runs, as the method's {@code @LRA} type says: refuses it, runs it
 * outside any LRA, joins the LRA it arrived in, or starts a new (possibly nested) one; the method's class is enlisted
 * as a participant when it is one. Also serves {@code @Leave}. What needs no coordinator (the type's rule, the id's
 * trust) is decided in the request filter; the coordinator calls are {@link Deferred} until the method's parameters
 * are resolved ({@link LraInvokeHandler}). Once the method is to run in an LRA the request is an {@link LraRequest},
 * which {@link Ender} ends.
 */
final class Enlister {

    private final CoordinatorClient coordinator;
    private final CallbackGuard guard;
    private final LraMetrics metrics;
    private final LraTracing tracing;
    private final LraJournal journal;
    private final Ender ender;
    /** The configured base URI the callbacks are reachable under (no trailing slash), or null to use the request's. */
    private final String configuredBaseUri;

    Enlister(CoordinatorClient coordinator, CallbackGuard guard, LraMetrics metrics, LraTracing tracing,
            LraJournal journal, Ender ender, String configuredBaseUri) {
        this.coordinator = coordinator;
        this.guard = guard;
        this.metrics = metrics;
        this.tracing = tracing;
        this.journal = journal;
        this.ender = ender;
        this.configuredBaseUri = configuredBaseUri;
    }

    /** An {@code @LRA} method's request: the answer that stops it, or {@link Replies#CONTINUE}. */
    CompletionStage<Response> enter(ResteasyReactiveContainerRequestContext ctx, Endpoint endpoint, String header) {
        EndpointPolicy policy = endpoint.policy();
        // the type's rule first: refusing, suspending or ignoring a context needs no look at the id itself
        Action action = TypeRules.decide(policy.type(), header != null);
        switch (action) {
            case REJECT:
                return Replies.abort(412, TypeRules.rejection(policy.type(), header != null) + " (" + endpoint.name()
                        + ")");
            case RUN_OUTSIDE:
                return Replies.CONTINUE;
            case SUSPEND:
                ctx.getHeaders().remove(LraHeaders.CONTEXT);
                ctx.getHeaders().remove(LraHeaders.PARENT);
                LraContext.set(null, null);
                return Replies.CONTINUE;
            default:
                break;
        }
        URI incoming = null;
        if (header != null) {
            try {
                incoming = coordinator.ids().parse(header);
            } catch (InvalidLraIdException e) {
                return Replies.abort(e.status(), e.getMessage());
            }
        }
        // the coordinator's part waits for the method's parameters: a request refused before they are resolved (a
        // body that does not parse, invalid fields) starts and joins nothing
        URI lra = incoming;
        defer(ctx, action == Action.JOIN ? () -> join(ctx, endpoint, lra)
                : () -> begin(ctx, endpoint, action == Action.START_NESTED ? lra : null));
        return Replies.CONTINUE;
    }

    private static void defer(ContainerRequestContext ctx, Supplier<CompletionStage<Response>> work) {
        ctx.setProperty(Deferred.PROPERTY, new Deferred(work));
    }

    /** The method runs in the LRA the request arrived in. */
    private CompletionStage<Response> join(ResteasyReactiveContainerRequestContext ctx, Endpoint endpoint, URI lra) {
        if (endpoint.participant() == null) {
            run(ctx, endpoint, lra, null);
            return Replies.CONTINUE;
        }
        return coordinator.join(lra, endpoint.policy().timeLimitMillis(), link(ctx, endpoint, lra))
                .handle((recovery, t) -> {
                    if (t != null) {
                        return Replies.failure(coordinatorFailure(t));
                    }
                    joined(ctx, endpoint, lra, recovery);
                    run(ctx, endpoint, lra, null);
                    return null;
                });
    }

    /** The method runs in a new LRA, nested in {@code parent} when that is not null. */
    private CompletionStage<Response> begin(ResteasyReactiveContainerRequestContext ctx, Endpoint endpoint, URI parent) {
        boolean participant = endpoint.participant() != null;
        return coordinator.begin(endpoint.name(), endpoint.policy().timeLimitMillis(), parent,
                participant ? lra -> link(ctx, endpoint, lra) : null).handle((Enlistment begun, Throwable t) -> {
                    if (t != null) {
                        return Replies.failure(coordinatorFailure(t));
                    }
                    metrics.started();
                    journal.record(begun.lra().toString(), LraJournal.Kind.STARTED, endpoint.className(), null, 201,
                            null, 0);
                    if (begun.joined()) {
                        joined(ctx, endpoint, begun.lra(), begun.recovery());
                    }
                    run(ctx, endpoint, begun.lra(), parent);
                    return null;
                });
    }

    private void joined(ContainerRequestContext ctx, Endpoint endpoint, URI lra, URI recovery) {
        metrics.joined();
        journal.record(lra.toString(), LraJournal.Kind.JOINED, endpoint.className(), null, 200, null, 0);
        if (recovery != null) {
            ctx.getHeaders().putSingle(LraHeaders.RECOVERY, recovery.toString());
        }
    }

    /** The method is to run in {@code lra}: it sees it in its headers, its outgoing calls carry it. */
    private void run(ResteasyReactiveContainerRequestContext ctx, Endpoint endpoint, URI lra, URI nestedParent) {
        LraRequest request = new LraRequest(endpoint, lra, nestedParent,
                (ResteasyReactiveRequestContext) ctx.getServerRequestContext());
        ctx.setProperty(LraRequest.PROPERTY, request);
        ender.watch(request);
        ctx.getHeaders().putSingle(LraHeaders.CONTEXT, lra.toString());
        if (nestedParent != null) {
            ctx.getHeaders().putSingle(LraHeaders.PARENT, nestedParent.toString());
        }
        LraContext.set(lra, nestedParent);
        tracing.inLra(lra);
    }

    /** A {@code @Leave} method's request in an LRA: the participant leaves it, then the method runs. */
    CompletionStage<Response> leave(ContainerRequestContext ctx, Endpoint endpoint, String header) {
        URI lra;
        try {
            lra = coordinator.ids().parse(header);
        } catch (InvalidLraIdException e) {
            return Replies.abort(e.status(), e.getMessage());
        }
        LraContext.set(lra, null);
        tracing.inLra(lra);
        if (endpoint.participant() == null) {
            return Replies.CONTINUE;
        }
        defer(ctx, () -> coordinator.leave(lra, link(ctx, endpoint, lra)).handle((v, t) -> {
            if (t != null) {
                return Replies.failure(coordinatorFailure(t));
            }
            journal.record(lra.toString(), LraJournal.Kind.LEFT, endpoint.className(), null, 200, null, 0);
            return null;
        }));
        return Replies.CONTINUE;
    }

    /** The participant's {@code Link} header for this LRA (callback URLs signed for it when signing is on). */
    private String link(ContainerRequestContext ctx, Endpoint endpoint, URI lra) {
        String base = configuredBaseUri != null ? configuredBaseUri : ctx.getUriInfo().getBaseUri().toString();
        return endpoint.participant().linkHeader(base, guard.signedQuery(lra, endpoint.className()));
    }

    /** The coordinator's failure; anything else is not ours to answer and goes on as it is. */
    private static CoordinatorException coordinatorFailure(Throwable t) {
        CoordinatorException e = Failures.coordinatorFailure(t);
        if (e == null) {
            Throwable cause = Failures.cause(t);
            throw cause instanceof CompletionException ce ? ce : new CompletionException(cause);
        }
        return e;
    }
}
