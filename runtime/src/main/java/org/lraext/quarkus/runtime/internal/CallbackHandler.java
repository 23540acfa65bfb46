package org.lraext.quarkus.runtime.internal;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.lra.annotation.ParticipantStatus;
import org.lraext.lra.protocol.CallbackKind;
import org.lraext.lra.protocol.CallbackRules;
import org.lraext.lra.protocol.CallbackSignatures;
import org.lraext.lra.protocol.LraHeaders;
import org.lraext.lra.protocol.LraIds;
import org.lraext.quarkus.runtime.LraJournal;

/**
 * Every participant callback, whether its method is a JAX-RS resource method or a plain bean method called through
 * {@link LraParticipantProxy}: the same checks before the method runs (the caller's roles when configured, then the
 * guard: trusted LRA, signature, repeated delivery), the
 * same LRA context while it runs, and the same record of its answer (callback memory, metrics, journal under the
 * participant's class).
 */
final class CallbackHandler {

    /** One callback being handled. */
    record Call(CallbackKind kind, String participant, String lra, long startNanos) {
        static final String PROPERTY = Call.class.getName();
    }

    private final CallbackGuard guard;
    private final LraIds ids;
    private final LraMetrics metrics;
    private final LraTracing tracing;
    private final LraJournal journal;
    private final PlainCallbacks plain;
    private final CallbackCallers callers;

    CallbackHandler(CallbackGuard guard, LraIds ids, LraMetrics metrics, LraTracing tracing, LraJournal journal,
            PlainCallbacks plain, CallbackCallers callers) {
        this.callers = callers;
        this.guard = guard;
        this.ids = ids;
        this.metrics = metrics;
        this.tracing = tracing;
        this.journal = journal;
        this.plain = plain;
    }

    /**
     * A JAX-RS callback method is about to be called: the answer that stops it, or {@link Replies#CONTINUE}; the
     * response filter finishes it with {@link #answered}.
     */
    CompletionStage<Response> admit(ContainerRequestContext ctx, Endpoint endpoint, String header) {
        CompletionStage<Response> caller = callers.check();
        if (caller != null) {
            return caller.thenCompose(refused -> refused != null ? CompletableFuture.completedFuture(refused)
                    : admitted(ctx, endpoint, header));
        }
        return admitted(ctx, endpoint, header);
    }

    private CompletionStage<Response> admitted(ContainerRequestContext ctx, Endpoint endpoint, String header) {
        CallbackKind kind = endpoint.callback();
        String ended = kind == CallbackKind.AFTER ? Replies.lastValue(ctx.getHeaders().get(LraHeaders.ENDED)) : null;
        Call call = new Call(kind, endpoint.className(), ended != null ? ended : header, startNanos());
        ctx.setProperty(Call.PROPERTY, call);
        String signature = guard.signs() ? ctx.getUriInfo().getQueryParameters().getFirst(CallbackSignatures.PARAMETER)
                : null;
        Response stop = guard.check(kind, call.participant(), call.lra(), signature);
        if (stop != null) {
            return CompletableFuture.completedFuture(stop);
        }
        enterContext(header, Replies.lastValue(ctx.getHeaders().get(LraHeaders.PARENT)));
        return Replies.CONTINUE;
    }

    /** A JAX-RS callback method answered: the answer in the coordinator's terms, and its record. */
    void answered(Call call, ContainerResponseContext resp) {
        int status = resp.getStatus();
        if (resp.getEntity() instanceof ParticipantStatus ps) {
            resp.setStatus(statusCode(call.kind(), status, ps));
            resp.setEntity(ps.name(), null, MediaType.TEXT_PLAIN_TYPE);
        } else {
            int answer = CallbackRules.answerCode(call.kind(), status);
            if (answer != status) {
                resp.setStatus(answer);
            }
        }
        record(call, resp.getStatus(), resp.getEntity(), null);
    }

    /** A plain method's answer in the coordinator's terms, as {@link #answered} puts a JAX-RS method's. */
    private static Response inCoordinatorTerms(CallbackKind kind, Response r) {
        if (r.getEntity() instanceof ParticipantStatus ps) {
            return Response.fromResponse(r).status(statusCode(kind, r.getStatus(), ps))
                    .entity(ps.name()).type(MediaType.TEXT_PLAIN_TYPE).build();
        }
        int answer = CallbackRules.answerCode(kind, r.getStatus());
        return answer == r.getStatus() ? r : Response.fromResponse(r).status(answer).build();
    }

    /**
     * The coordinator reads the status name as text and a 200 answer's code from it; {@code @Status} always answers
     * 200 with it.
     */
    private static int statusCode(CallbackKind kind, int status, ParticipantStatus ps) {
        return status == 200 && kind != CallbackKind.STATUS ? CallbackRules.statusCode(ps) : status;
    }

    /**
     * A callback of a plain-method participant, from the proxy: guarded, run and recorded as a JAX-RS one is.
     *
     * @param lra the LRA the callback is for (for {@code @AfterLRA} the ended one)
     * @param body for {@code @AfterLRA}, the LRA's final status
     */
    CompletionStage<Response> callPlain(String participant, CallbackKind kind, String lra, String parent, String body,
            String signature) {
        CompletionStage<Response> caller = callers.check();
        if (caller != null) {
            return caller.thenCompose(refused -> refused != null ? CompletableFuture.completedFuture(refused)
                    : plainAdmitted(participant, kind, lra, parent, body, signature));
        }
        return plainAdmitted(participant, kind, lra, parent, body, signature);
    }

    private CompletionStage<Response> plainAdmitted(String participant, CallbackKind kind, String lra, String parent,
            String body, String signature) {
        Call call = new Call(kind, participant, lra, startNanos());
        Response stop = guard.check(kind, participant, lra, signature);
        if (stop != null) {
            return CompletableFuture.completedFuture(stop);
        }
        if (!plain.has(participant, kind)) {
            return CompletableFuture.completedFuture(Replies.text(404, "No " + kind.annotationSimpleName()
                    + " method for participant " + participant));
        }
        if (kind != CallbackKind.AFTER) {
            enterContext(lra, parent);
        }
        return plain.invoke(participant, kind, lra, parent, body).thenApply(r -> {
            Response answer = inCoordinatorTerms(kind, r);
            record(call, answer.getStatus(), answer.getEntity(), kind == CallbackKind.AFTER ? body : null);
            return answer;
        });
    }

    /** The answer for a callback method's {@link ParticipantStatus}: {@code @Status} always answers 200. */
    static Response participantStatus(CallbackKind kind, ParticipantStatus ps) {
        return Response.status(statusCode(kind, 200, ps)).type(MediaType.TEXT_PLAIN_TYPE).entity(ps.name()).build();
    }

    /** The callback's method runs in the LRA it names, when that is an LRA of a trusted coordinator. */
    private void enterContext(String lraHeader, String parentHeader) {
        URI lra = ids.parseOrNull(lraHeader);
        if (lra != null) {
            LraContext.set(lra, ids.parseOrNull(parentHeader));
            tracing.inLra(lra);
        }
    }

    private void record(Call call, int status, Object entity, String detail) {
        guard.answered(call.kind(), call.participant(), call.lra(), status, entity);
        metrics.callback(call.kind(), status);
        if (journal.enabled()) {
            journal.record(call.lra(), LraJournal.Kind.CALLBACK, call.participant(), call.kind().rel(), status,
                    detail == null ? null : detail.trim(), System.nanoTime() - call.startNanos());
        }
    }

    private long startNanos() {
        return journal.enabled() ? System.nanoTime() : 0;
    }
}
