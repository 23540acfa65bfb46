package org.lraext.quarkus.runtime.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;


import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.lraext.lra.coordinator.CoordinatorClient;
import org.lraext.lra.coordinator.CoordinatorException;
import org.lraext.lra.coordinator.Failures;
import org.lraext.lra.coordinator.LraEnd;
import org.lraext.lra.protocol.CallbackKind;
import org.lraext.quarkus.runtime.LraClient;
import org.lraext.quarkus.runtime.LraConfigKeys;
import org.lraext.quarkus.runtime.LraJournal;

import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The {@link LraClient} bean: each method checks its arguments, then makes one call of the {@link CoordinatorClient}
 * (which refuses untrusted LRAs before any call, fails over starts and retries ends) and records it as the filters
 * record the annotations' work.
 */
final class LraClientBean implements LraClient {

    /** The name the journal gives this API's ends and starts. */
    static final String NAME = LraClient.class.getName();

    private final CoordinatorClient coordinator;
    private final LraRegistry registry;
    private final CallbackGuard guard;
    private final LraMetrics metrics;
    private final LraJournal journal;
    private final Vertx vertx;
    private final CallbackBase base;
    private final PlainCallbacks plainCallbacks;

    LraClientBean(CoordinatorClient coordinator, LraRegistry registry, CallbackGuard guard, LraMetrics metrics,
            LraJournal journal, Vertx vertx, CallbackBase base, PlainCallbacks plainCallbacks) {
        this.coordinator = coordinator;
        this.registry = registry;
        this.guard = guard;
        this.metrics = metrics;
        this.journal = journal;
        this.vertx = vertx;
        this.base = base;
        this.plainCallbacks = plainCallbacks;
    }

    @Override
    public Uni<URI> start(String clientId, Duration timeLimit) {
        return begin(false, null, clientId, timeLimit);
    }

    @Override
    public Uni<URI> startNested(URI parent, String clientId, Duration timeLimit) {
        return begin(true, parent, clientId, timeLimit);
    }

    private Uni<URI> begin(boolean nested, URI parent, String clientId, Duration timeLimit) {
        return Uni.createFrom().deferred(() -> {
            if (nested) {
                required(parent, "parent");
            }
            String name = required(clientId, "clientId");
            if (name.isBlank()) {
                throw new IllegalArgumentException("clientId is blank; give the LRA a name, e.g. what starts it");
            }
            long millis = millis(timeLimit, "timeLimit");
            return uni(() -> coordinator.start(name, millis, parent)).invoke(lra -> {
                metrics.started();
                journal.record(lra.toString(), LraJournal.Kind.STARTED, name, null, 201, null, 0);
            });
        });
    }

    @Override
    public Uni<LRAStatus> close(URI lra) {
        return end(lra, LraEnd.CLOSE);
    }

    @Override
    public Uni<LRAStatus> cancel(URI lra) {
        return end(lra, LraEnd.CANCEL);
    }

    private Uni<LRAStatus> end(URI lra, LraEnd end) {
        return Uni.createFrom().deferred(() -> {
            URI id = required(lra, "lra");
            long started = System.nanoTime();
            LraJournal.Kind kind = end == LraEnd.CANCEL ? LraJournal.Kind.CANCEL_REQUESTED
                    : LraJournal.Kind.CLOSE_REQUESTED;
            return uni(() -> coordinator.endOrRetry(id, end)).onItemOrFailure().transformToUni((status, t) -> {
                if (t != null) {
                    metrics.ended(end == LraEnd.CANCEL, false);
                    CoordinatorException e = Failures.coordinatorFailure(t);
                    journal.record(id.toString(), kind, NAME, null, e == null ? 500 : e.status(), t.getMessage(),
                            System.nanoTime() - started);
                    return Uni.createFrom().failure(t);
                }
                metrics.ended(end == LraEnd.CANCEL, true);
                journal.record(id.toString(), kind, NAME, null, 200, status, System.nanoTime() - started);
                return Uni.createFrom().item(parse(status, end));
            });
        });
    }

    /** What the coordinator's answer to an end says; the end's own state when it said nothing usable. */
    private static LRAStatus parse(String status, LraEnd end) {
        if (status != null) {
            for (LRAStatus s : LRAStatus.values()) {
                if (s.name().equals(status.trim())) {
                    return s;
                }
            }
        }
        return end == LraEnd.CANCEL ? LRAStatus.Cancelling : LRAStatus.Closing;
    }

    @Override
    public Uni<Optional<LRAStatus>> status(URI lra) {
        return Uni.createFrom().deferred(() -> {
            URI id = required(lra, "lra");
            return uni(() -> coordinator.status(id)).map(Optional::ofNullable);
        });
    }

    @Override
    public Uni<Void> renewTimeLimit(URI lra, Duration timeLimit) {
        return Uni.createFrom().deferred(() -> {
            URI id = required(lra, "lra");
            long millis = millis(timeLimit, "timeLimit");
            if (millis == 0) {
                throw new IllegalArgumentException("timeLimit is zero: a renewed time limit must be positive (the"
                        + " coordinator ignores 0)");
            }
            return uni(() -> coordinator.renew(id, millis));
        });
    }

    @Override
    public Uni<URI> join(URI lra, Class<?> participant, Duration timeLimit) {
        return Uni.createFrom().deferred(() -> {
            URI id = required(lra, "lra");
            Participant p = participant(participant);
            long millis = millis(timeLimit, "timeLimit");
            String link = link(p, id);
            return uni(() -> coordinator.join(id, millis, link)).invoke(recovery -> {
                metrics.joined();
                journal.record(id.toString(), LraJournal.Kind.JOINED, p.className(), null, 200, null, 0);
            });
        });
    }

    @Override
    public Uni<Void> leave(URI lra, Class<?> participant) {
        return Uni.createFrom().deferred(() -> {
            URI id = required(lra, "lra");
            Participant p = participant(participant);
            String link = link(p, id);
            return uni(() -> coordinator.leave(id, link)).invoke(
                    v -> journal.record(id.toString(), LraJournal.Kind.LEFT, p.className(), null, 200, null, 0));
        });
    }

    @Override
    public Optional<URI> current() {
        return Optional.ofNullable(LraContext.current());
    }

    @Override
    public <T> Uni<T> runIn(URI lra, Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            URI id = trusted(required(lra, "lra"));
            required(work, "work");
            Context caller = Vertx.currentContext();
            Context dup = newDuplicatedContext();
            CoordinatorCredentials.carry(caller, dup);
            return Uni.createFrom().<T> emitter(emitter -> {
                AtomicReference<Cancellable> inner = new AtomicReference<>();
                emitter.onTermination(() -> {
                    Cancellable c = inner.getAndSet(null);
                    if (c != null) {
                        c.cancel();
                    }
                });
                dup.runOnContext(v -> {
                    LraContext.set(id, null);
                    Uni<T> uni;
                    try {
                        uni = required(work.get(), "the Uni the work returned");
                    } catch (Throwable t) {
                        emitter.fail(t);
                        return;
                    }
                    // the result goes back to the caller's context, where the LRA is not the current one
                    inner.set(uni.subscribe().with(
                            item -> back(caller, () -> emitter.complete(item)),
                            failure -> back(caller, () -> emitter.fail(failure))));
                });
            });
        });
    }

    private static void back(Context caller, Runnable deliver) {
        if (caller == null) {
            deliver.run();
        } else {
            caller.runOnContext(v -> deliver.run());
        }
    }

    @Override
    public <T> T callIn(URI lra, Callable<T> work) throws Exception {
        URI id = trusted(required(lra, "lra"));
        required(work, "work");
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("LraClient.callIn runs blocking code, and this is an event loop thread ("
                    + Thread.currentThread().getName() + "); use runIn with a Uni, or call it on a worker thread"
                    + " (@Blocking)");
        }
        if (VertxContext.isOnDuplicatedContext()) {
            URI previous = LraContext.current();
            URI previousParent = LraContext.parent();
            LraContext.set(id, null);
            try {
                return work.call();
            } finally {
                LraContext.set(previous, previousParent);
            }
        }
        Context dup = newDuplicatedContext();
        CompletionStage<T> done = dup.<T> executeBlocking(() -> {
            LraContext.set(id, null);
            return work.call();
        }, false).toCompletionStage();
        try {
            return done.toCompletableFuture().join();
        } catch (CompletionException e) {
            Throwable cause = Failures.cause(e);
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    private Context newDuplicatedContext() {
        Context current = Vertx.currentContext();
        return VertxContext.createNewDuplicatedContext(current != null ? current : vertx.getOrCreateContext());
    }

    /** The participant the build found for this class, or an {@link IllegalArgumentException} naming the fix. */
    private Participant participant(Class<?> participant) {
        required(participant, "participant");
        Participant p = registry.participant(participant.getName());
        if (p == null) {
            throw new IllegalArgumentException(participant.getName() + " is not an LRA participant: give it a"
                    + " @Compensate (or @AfterLRA) method, as a JAX-RS resource method or a plain public method of a"
                    + " bean (e.g. @ApplicationScoped)");
        }
        for (CallbackKind kind : p.plain()) {
            if (!plainCallbacks.has(p.className(), kind)) {
                // the build warned: its plain methods could not be called, so the coordinator's callbacks would fail
                throw new IllegalArgumentException(participant.getName() + " has participant methods that are not"
                        + " JAX-RS methods, but it is not a CDI bean, so they cannot be called; give the class a"
                        + " bean-defining annotation such as @ApplicationScoped");
            }
        }
        return p;
    }

    /** The participant's {@code Link} header for this LRA (callback URLs signed for it when signing is on). */
    private String link(Participant p, URI lra) {
        return p.links().linkHeader(base.get(), guard.signedQuery(lra, p.className()));
    }

    private URI trusted(URI lra) {
        if (coordinator.ids().coordinatorOf(lra) == null) {
            throw new CoordinatorException(403, "LRA " + lra + " does not belong to a trusted coordinator; list its"
                    + " coordinator in " + LraConfigKeys.TRUSTED_COORDINATORS + " if it is one", null);
        }
        return lra;
    }

    private static <T> T required(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        return value;
    }

    /** Whole milliseconds, a positive fraction of one rounded up (0 means no limit to the coordinator). */
    private static long millis(Duration limit, String name) {
        Duration d = required(limit, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " is negative (" + d + "); use Duration.ZERO for none");
        }
        try {
            long millis = d.toMillis();
            return millis == 0 && !d.isZero() ? 1 : millis;
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(name + " is too long (" + d + ")", e);
        }
    }

    private static <T> Uni<T> uni(Supplier<CompletionStage<T>> call) {
        return Uni.createFrom().completionStage(call);
    }
}
