package org.lraext.quarkus.runtime.internal;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.WebApplicationException;

import org.jboss.logging.Logger;
import org.lraext.lra.coordinator.CoordinatorClient;
import org.lraext.lra.coordinator.CoordinatorException;
import org.lraext.lra.coordinator.Failures;
import org.lraext.lra.coordinator.LraEnd;
import org.lraext.lra.protocol.Action;
import org.lraext.lra.protocol.EndpointPolicy;
import org.lraext.lra.protocol.LraHeaders;
import org.lraext.lra.protocol.TypeRules;
import org.lraext.quarkus.runtime.LraJournal;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Puts an {@code @Incoming @LRA} method's record into its LRA, with the same type table as HTTP: refuses it, runs it
 * outside any LRA, joins the LRA the record names (enlisting the bean's participant methods) or starts a new (possibly
 * nested) one; after the method, ends the LRA as its {@code @LRA} says (closed when {@code end}, cancelled when the
 * method failed). The method's result completes only when that work is done, and fails when it failed: SmallRye
 * Reactive Messaging acknowledges the record after the method's result, and nacks it on a failure, so the record is
 * acknowledged only after the join and the end succeeded, and the channel's failure strategy handles every other case.
 * <p>
 * A record that the type refuses, or whose headers are malformed, oversized or name an untrusted coordinator, makes no
 * call at all: the method does not run, one log line says why, and the record is nacked.
 */
final class IncomingLra {

    private static final Logger LOG = Logger.getLogger(IncomingLra.class);

    private final CoordinatorClient coordinator;
    private final LraRegistry registry;
    private final CallbackGuard guard;
    private final LraMetrics metrics;
    private final LraTracing tracing;
    private final LraJournal journal;
    private final CallbackBase base;

    IncomingLra(CoordinatorClient coordinator, LraRegistry registry, CallbackGuard guard, LraMetrics metrics,
            LraTracing tracing, LraJournal journal, CallbackBase base) {
        this.coordinator = coordinator;
        this.registry = registry;
        this.guard = guard;
        this.metrics = metrics;
        this.tracing = tracing;
        this.journal = journal;
        this.base = base;
    }

    /** The LRA a method runs in, and the parent to name when it is a nested LRA this method started. */
    private record Entered(URI lra, URI nestedParent) {
    }

    Object invoke(InvocationContext ic, String id) throws Exception {
        Endpoint endpoint = id == null ? null : registry.get(id);
        if (endpoint == null || endpoint.policy() == null) {
            throw new IllegalStateException("No LRA settings were recorded for " + ic.getMethod() + " (" + id + ")");
        }
        RecordLra record = RecordLra.current();
        EndpointPolicy policy = endpoint.policy();
        // the type's rule first, as for HTTP: refusing or ignoring a context needs no look at the id itself
        Action action = TypeRules.decide(policy.type(), record != null && record.carriesLra());
        switch (action) {
            case REJECT:
                throw refused(endpoint, record, record != null && record.carriesLra()
                        ? "the method is @LRA(" + policy.type() + ") and the record carries a " + LraHeaders.CONTEXT
                                + " header"
                        : "the method is @LRA(" + policy.type() + ") and the record carries no " + LraHeaders.CONTEXT
                                + " header");
            case RUN_OUTSIDE:
                return ic.proceed();
            case SUSPEND:
                LraContext.set(null, null);
                return ic.proceed();
            default:
                break;
        }
        if (record != null && record.problem() != null) {
            throw refused(endpoint, record, record.problem());
        }
        URI incoming = record == null ? null : record.lra();
        Class<?> result = ic.getMethod().getReturnType();
        boolean uni = Uni.class.isAssignableFrom(result);
        boolean stage = !uni && CompletionStage.class.isAssignableFrom(result);
        if (!uni && !stage && Context.isOnEventLoopThread()) {
            // the build refuses @NonBlocking on such methods: this is a signature it could not see
            throw new IllegalStateException(endpoint.name() + " returns " + result.getSimpleName() + " and runs on an"
                    + " event loop thread, where it cannot wait for the coordinator; return Uni<Void> or"
                    + " CompletionStage<Void>, or annotate it with @Blocking");
        }
        CompletionStage<Entered> entering = enter(endpoint, action, incoming);
        if (uni) {
            return Uni.createFrom().completionStage(() -> onCaller(entering)).onItem().transformToUni(entered -> {
                Uni<?> work;
                try {
                    runIn(entered);
                    work = (Uni<?>) ic.proceed();
                } catch (Exception e) {
                    work = Uni.createFrom().failure(e);
                }
                return work.onItemOrFailure().transformToUni((item, failure) -> Uni.createFrom()
                        .completionStage(() -> end(endpoint, entered, failure))
                        .onItem().transformToUni(v -> failure != null ? Uni.createFrom().failure(failure)
                                : Uni.createFrom().item(item)));
            });
        }
        if (stage) {
            CompletableFuture<Object> done = new CompletableFuture<>();
            onCaller(entering).whenComplete((entered, t) -> {
                if (t != null) {
                    done.completeExceptionally(Failures.cause(t));
                    return;
                }
                CompletionStage<?> work;
                try {
                    runIn(entered);
                    work = (CompletionStage<?>) ic.proceed();
                } catch (Exception e) {
                    work = CompletableFuture.failedFuture(e);
                }
                work.whenComplete((item, thrown) -> {
                    Throwable failure = thrown == null ? null : Failures.cause(thrown);
                    end(endpoint, entered, failure).whenComplete((v, endFailure) -> {
                        if (endFailure != null) {
                            done.completeExceptionally(Failures.cause(endFailure));
                        } else if (failure != null) {
                            done.completeExceptionally(failure);
                        } else {
                            done.complete(item);
                        }
                    });
                });
            });
            return done;
        }
        // a blocking method, on a worker thread: it may wait
        Entered entered = await(entering);
        runIn(entered);
        Object item;
        try {
            item = ic.proceed();
        } catch (Exception e) {
            await(end(endpoint, entered, e));
            throw e;
        }
        await(end(endpoint, entered, null));
        return item;
    }

    /** The record goes on where it ran: its own context, where its LRA is the current one. */
    private static <T> CompletionStage<T> onCaller(CompletionStage<T> stage) {
        Context caller = Vertx.currentContext();
        if (caller == null) {
            return stage;
        }
        CompletableFuture<T> back = new CompletableFuture<>();
        stage.whenComplete((item, t) -> {
            if (Vertx.currentContext() == caller) {
                complete(back, item, t);
            } else {
                caller.runOnContext(v -> complete(back, item, t));
            }
        });
        return back;
    }

    private static <T> void complete(CompletableFuture<T> future, T item, Throwable t) {
        if (t != null) {
            future.completeExceptionally(Failures.cause(t));
        } else {
            future.complete(item);
        }
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            Throwable cause = Failures.cause(e);
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    private RecordRefusedException refused(Endpoint endpoint, RecordLra record, String why) {
        String channel = record == null ? "?" : record.channel();
        LOG.warnf("[LRA] A record of channel %s is refused by %s: %s. It is nacked, joins nothing and its method does"
                + " not run", channel, endpoint.name(), why);
        return new RecordRefusedException("A record of channel " + channel + " refused by " + endpoint.name() + ": "
                + why);
    }

    /** Joins the record's LRA, or starts one, as the action says. */
    private CompletionStage<Entered> enter(Endpoint endpoint, Action action, URI incoming) {
        long timeLimit = endpoint.policy().timeLimitMillis();
        boolean participant = endpoint.participant() != null;
        if (action == Action.JOIN) {
            if (!participant) {
                return CompletableFuture.completedFuture(new Entered(incoming, null));
            }
            return coordinator.join(incoming, timeLimit, link(endpoint, incoming)).thenApply(recovery -> {
                metrics.joined();
                journal.record(incoming.toString(), LraJournal.Kind.JOINED, endpoint.className(), null, 200, null, 0);
                return new Entered(incoming, null);
            });
        }
        URI parent = action == Action.START_NESTED ? incoming : null;
        return coordinator.begin(endpoint.name(), timeLimit, parent, participant ? lra -> link(endpoint, lra) : null)
                .thenApply(begun -> {
                    metrics.started();
                    journal.record(begun.lra().toString(), LraJournal.Kind.STARTED, endpoint.className(), null, 201,
                            null, 0);
                    if (begun.joined()) {
                        metrics.joined();
                        journal.record(begun.lra().toString(), LraJournal.Kind.JOINED, endpoint.className(), null,
                                200, null, 0);
                    }
                    return new Entered(begun.lra(), parent);
                });
    }

    /** The method is to run in this LRA: it is the current one, for its outgoing calls and records. */
    private void runIn(Entered entered) {
        LraContext.set(entered.lra(), entered.nestedParent());
        tracing.inLra(entered.lra());
    }

    /** The participant's {@code Link} header for this LRA (callback URLs signed for it when signing is on). */
    private String link(Endpoint endpoint, URI lra) {
        return endpoint.participant().linkHeader(base.get(), guard.signedQuery(lra, endpoint.className()));
    }

    /**
     * Ends the LRA as the method's outcome and its {@code @LRA} say. Fails with the coordinator's failure when the
     * method succeeded and the end failed; when the method failed, its failure is what the caller reports (the end's
     * failure added to it as a suppressed one).
     */
    private CompletionStage<Void> end(Endpoint endpoint, Entered entered, Throwable failure) {
        EndpointPolicy.Outcome outcome = endpoint.policy().outcome(failure == null ? 200 : status(failure));
        if (entered.nestedParent() != null) {
            LraContext.set(entered.nestedParent(), null);
        }
        if (outcome == EndpointPolicy.Outcome.KEEP) {
            return CompletableFuture.completedFuture(null);
        }
        URI lra = entered.lra();
        LraEnd end = LraEnd.of(outcome == EndpointPolicy.Outcome.CANCEL);
        long started = System.nanoTime();
        LraJournal.Kind kind = end == LraEnd.CANCEL ? LraJournal.Kind.CANCEL_REQUESTED : LraJournal.Kind.CLOSE_REQUESTED;
        return coordinator.endOrRetry(lra, end).handle((status, t) -> {
            if (t == null) {
                metrics.ended(end == LraEnd.CANCEL, true);
                journal.record(lra.toString(), kind, endpoint.className(), null, 200, status, System.nanoTime() - started);
            } else {
                CoordinatorException e = Failures.coordinatorFailure(t);
                metrics.ended(end == LraEnd.CANCEL, false);
                journal.record(lra.toString(), kind, endpoint.className(), null, e == null ? 500 : e.status(),
                        Failures.cause(t).getMessage(), System.nanoTime() - started);
                if (e != null && e.status() == 412) {
                    // it had ended already (its time limit passed, say): the method's outcome stands
                    LOG.debugf("LRA %s had already ended: %s", lra, e.getMessage());
                } else if (failure == null) {
                    LOG.warnf("Could not %s LRA %s after %s: %s; the record is nacked", end.operation(), lra,
                            endpoint.name(), Failures.cause(t).getMessage());
                    throw new CompletionException(Failures.cause(t));
                } else {
                    LOG.warnf("Could not %s LRA %s after %s failed: %s", end.operation(), lra, endpoint.name(),
                            Failures.cause(t).getMessage());
                    failure.addSuppressed(Failures.cause(t));
                }
            }
            return null;
        });
    }

    /** The HTTP status a failure stands for in the {@code cancelOn} rules: a WebApplicationException's, else 500. */
    private static int status(Throwable failure) {
        Throwable cause = Failures.cause(failure);
        return cause instanceof WebApplicationException wae && wae.getResponse() != null ? wae.getResponse().getStatus()
                : 500;
    }

    /** The record's LRA headers or the method's type refuse it: it is nacked and its method does not run. */
    static final class RecordRefusedException extends IllegalStateException {
        RecordRefusedException(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            // the message says it all; a refused record is no defect of the application
            return this;
        }
    }
}
