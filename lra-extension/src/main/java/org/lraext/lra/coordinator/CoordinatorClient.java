package org.lraext.lra.coordinator;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.jboss.logging.Logger;
import org.lraext.lra.protocol.LraIds;

import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Non-blocking client of a Narayana LRA coordinator.
 * <p>
 * Keep-alive connections are pooled per Vert.x event loop: a call made on an event loop (or on a request's context)
 * uses connections of that event loop, so its request, its answer and the caller's continuation stay on one thread
 * instead of hopping between event loops; calls made off any Vert.x context share one more pool. No call blocks.
 * Every failure
 * ends in a {@link CoordinatorException} whose status a participant can hand to its caller: 503 when the coordinator
 * cannot be reached or does not answer in time, 412 when the LRA is no longer active.
 */
public class CoordinatorClient implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CoordinatorClient.class);
    private static final String LINK = "Link";

    /** For calls made off any Vert.x context. */
    private final HttpClient http;
    /** One client per event loop (a bounded set: Vert.x's event loops), created at its first call. */
    private final Map<EventLoop, HttpClient> perEventLoop = new ConcurrentHashMap<>();
    /** Scheme, host and port of the coordinators' URLs, by their text (see {@link #target}). */
    private final Map<String, Origin> origins = new ConcurrentHashMap<>();
    private final HttpClientOptions httpOptions;
    private final PoolOptions poolOptions;
    private final LraIds ids;
    private final long requestTimeoutMillis;
    private final CallObserver observer;
    private final StartCoordinators starts;
    private final Vertx vertx;
    /** Starts whose answer was lost, still to be looked for on their coordinator. */
    private final AtomicInteger lostStarts = new AtomicInteger();
    private final Map<URI, LostStarts> lostOn = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** At most this many lost starts are looked for at a time; more are only logged. */
    static final int MAX_LOST_STARTS = 10_000;
    /** Coordinator origins kept parsed; trusted and discovered coordinators are far fewer. */
    static final int MAX_ORIGINS = 256;
    /** The mark that makes each start's ClientID unique: {@code <client id>;start=<16 hex digits>}. */
    public static final String START_MARK = ";start=";
    /** Coordinators that could not be reached, and until when (nanoTime) new LRAs skip them. */
    private final Map<URI, Long> downUntil = new ConcurrentHashMap<>();
    private final long skipNanos;

    /**
     * Told of every coordinator call, for metrics and tracing. Called on the event loop: must not block.
     */
    public interface CallObserver {

        /** Observes nothing. */
        CallObserver NONE = new CallObserver() {
        };

        /**
         * A call begins.
         *
         * @param operation {@code start}, {@code join}, {@code close}, {@code cancel}, {@code status}, {@code leave},
         *        {@code ping}
         * @param lra the LRA the call is about, or null ({@code start}, {@code ping})
         * @param url the URL called
         * @return anything the observer needs back in {@link #ended}, or null
         */
        default Object started(String operation, URI lra, String url) {
            return null;
        }

        /**
         * The call ended.
         *
         * @param token what {@link #started} returned
         * @param status the coordinator's HTTP status, or 0 when it did not answer
         * @param nanos how long the call took
         */
        default void ended(Object token, String operation, int status, long nanos) {
        }
    }

    public CoordinatorClient(Vertx vertx, LraIds ids, CoordinatorClientOptions options) {
        this(vertx, ids, options, CallObserver.NONE);
    }

    public CoordinatorClient(Vertx vertx, LraIds ids, CoordinatorClientOptions options, CallObserver observer) {
        this(vertx, ids, StartCoordinators.roundRobin(ids.startOn()), options, observer);
    }

    /**
     * @param starts where new top-level LRAs start; their ids must belong to coordinators {@code ids} trusts
     */
    public CoordinatorClient(Vertx vertx, LraIds ids, StartCoordinators starts, CoordinatorClientOptions options,
            CallObserver observer) {
        this.ids = ids;
        this.starts = starts;
        this.vertx = vertx;
        this.observer = observer;
        this.requestTimeoutMillis = options.requestTimeout().toMillis();
        // a coordinator that failed is skipped for a while, then tried again by the next start that reaches it
        this.skipNanos = Math.max(TimeUnit.SECONDS.toNanos(5), 2 * options.connectTimeout().toNanos());
        this.httpOptions = new HttpClientOptions()
                .setKeepAlive(true)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()))
                .setIdleTimeout((int) options.idleTimeout().toMillis())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setTcpNoDelay(true)
                .setName("lra-coordinator-client");
        this.poolOptions = new PoolOptions().setHttp1MaxSize(options.maxConnections()).setMaxWaitQueueSize(-1);
        this.http = newClient();
    }

    /** The trusted coordinators and the rules for ids. */
    public LraIds ids() {
        return ids;
    }

    /**
     * Starts an LRA: a nested one on its parent's coordinator, a top-level one on the coordinator {@link StartCoordinators}
     * chooses (round-robin over the configured ones by default). A coordinator that cannot be reached, or answers 5xx,
     * is skipped and another one tried, so one that is down costs a request at most one connect timeout; it is then
     * left out of new starts for a few seconds.
     *
     * @param clientId a name for the LRA (the endpoint that started it)
     * @param timeLimitMillis 0 for none
     * @param parent the parent LRA of a nested one, or null
     */
    public CompletionStage<URI> start(String clientId, long timeLimitMillis, URI parent) {
        if (parent != null) {
            return startOn(coordinatorOf(parent), clientId, timeLimitMillis, parent).toCompletionStage();
        }
        return onCallersContext(starts.next()).thenCompose(candidates -> {
            if (candidates.isEmpty()) {
                return Future.<URI> failedFuture(new CoordinatorException(503,
                        "No LRA coordinator to start an LRA on: the service discovery found none", null))
                        .toCompletionStage();
            }
            if (candidates.size() == 1) {
                return startOnChosen(candidates.get(0), clientId, timeLimitMillis).toCompletionStage();
            }
            List<URI> order = new ArrayList<>(candidates.size());
            List<URI> skipped = new ArrayList<>();
            long now = System.nanoTime();
            for (URI c : candidates) {
                Long until = downUntil.get(c);
                if (until != null && until - now > 0) {
                    skipped.add(c);
                } else {
                    order.add(c);
                }
            }
            URI chosen = candidates.get(0);
            if (!order.isEmpty() && !skipped.isEmpty() && skipped.get(0).equals(chosen) && order.size() > 1) {
                // the choice is down: pick among the live ones at random, so that the coordinator after it in the
                // list does not take its share too
                java.util.Collections.rotate(order, ThreadLocalRandom.current().nextInt(order.size()));
            }
            order.addAll(skipped); // all down: try them anyway, in the same order
            if (!order.get(0).equals(chosen)) {
                // the strategy's choice is known to be down: it is told so at once, the start goes elsewhere
                starts.started(chosen, new CoordinatorException(503, "LRA coordinator " + chosen
                        + " failed recently; skipped", null));
            }
            return startOnFirst(order, 0, order.get(0).equals(chosen) ? chosen : null, clientId, timeLimitMillis, null)
                    .toCompletionStage();
        });
    }

    /**
     * A discovery may complete on another request's context (a shared look-up); the start continues on the caller's
     * own, where its request's context data (MDC, trace) live.
     */
    private static <T> CompletionStage<T> onCallersContext(CompletionStage<T> stage) {
        io.vertx.core.Context caller = Vertx.currentContext();
        if (caller == null || stage.toCompletableFuture().isDone()) {
            return stage;
        }
        java.util.concurrent.CompletableFuture<T> back = new java.util.concurrent.CompletableFuture<>();
        stage.whenComplete((v, t) -> {
            if (Vertx.currentContext() == caller) {
                complete(back, v, t);
            } else {
                caller.runOnContext(x -> complete(back, v, t));
            }
        });
        return back;
    }

    private static <T> void complete(java.util.concurrent.CompletableFuture<T> f, T value, Throwable failure) {
        if (failure != null) {
            f.completeExceptionally(failure);
        } else {
            f.complete(value);
        }
    }

    /** Whether a new LRA could start on another coordinator than a failed one. */
    public boolean canStartElsewhere() {
        return starts.several();
    }

    /**
     * Tells the client that the coordinator of this LRA could not be reached (e.g. for a join): new LRAs skip it for a
     * few seconds, as after a failed start.
     */
    public void failed(URI lra) {
        URI c = ids.coordinatorOf(lra);
        if (c != null) {
            markDown(c);
        }
    }

    private void markDown(URI coordinator) {
        long now = System.nanoTime();
        if (downUntil.size() >= 1024) {
            // coordinators come and go with a discovery: forget those whose pause is over
            downUntil.values().removeIf(until -> until - now <= 0);
        }
        downUntil.put(coordinator, now + skipNanos);
    }

    private Future<URI> startOnChosen(URI coordinator, String clientId, long timeLimitMillis) {
        return startOn(coordinator, clientId, timeLimitMillis, null)
                .andThen(ar -> starts.started(coordinator, ar.cause()));
    }

    private Future<URI> startOnFirst(List<URI> order, int i, URI chosen, String clientId, long timeLimitMillis,
            CoordinatorException last) {
        if (i == order.size()) {
            return Future.failedFuture(last);
        }
        URI coordinator = order.get(i);
        Future<URI> attempt = coordinator.equals(chosen) ? startOnChosen(coordinator, clientId, timeLimitMillis)
                : startOn(coordinator, clientId, timeLimitMillis, null);
        return attempt
                .onSuccess(lra -> downUntil.remove(coordinator))
                .recover(t -> {
                    if (t instanceof CoordinatorException e && e.status() == 503) {
                        markDown(coordinator);
                        LOG.debugf("LRA coordinator %s failed to start an LRA (%s); trying the next one", coordinator,
                                e.getMessage());
                        return startOnFirst(order, i + 1, chosen, clientId, timeLimitMillis, e);
                    }
                    return Future.failedFuture(t);
                });
    }

    private Future<URI> startOn(URI coordinator, String clientId, long timeLimitMillis, URI parent) {
        // unique, so that an LRA whose start answer is lost can be found again (see lostStart)
        String random = Long.toHexString(ThreadLocalRandom.current().nextLong());
        String uniqueId = clientId + START_MARK + "0".repeat(16 - random.length()) + random;
        StringBuilder url = new StringBuilder(coordinator.toString()).append("/start?ClientID=")
                .append(URLEncoder.encode(uniqueId, StandardCharsets.UTF_8)).append("&TimeLimit=").append(timeLimitMillis);
        if (parent != null) {
            url.append("&ParentLRA=").append(URLEncoder.encode(parent.toString(), StandardCharsets.UTF_8));
        }
        return call("start", null, HttpMethod.POST, url.toString(), null, null).map(r -> {
            if (r.status == 201 || r.status == 200) {
                String location = r.location != null ? r.location : r.body.trim();
                try {
                    URI id = URI.create(location);
                    ids.started(id);
                    return id;
                } catch (IllegalArgumentException e) {
                    throw new CoordinatorException(503, "The LRA coordinator answered start with an invalid LRA id: "
                            + location, e);
                }
            }
            if (parent != null && (r.status == 404 || r.status == 412)) {
                throw new CoordinatorException(412, "Cannot start an LRA nested in " + parent + ": the coordinator answered "
                        + r.status + " " + r.body, null);
            }
            if (r.status >= 500) {
                // it may have created the LRA before failing
                lostStart(coordinator, uniqueId);
            }
            throw unexpected("start an LRA", r);
        }).onFailure(t -> {
            if (t instanceof CoordinatorException e && e.getCause() != null && maybeReceived(e.getCause())) {
                lostStart(coordinator, uniqueId);
            }
        });
    }

    /** How many starts whose answer was lost are still being looked for. */
    int lostStarts() {
        return lostStarts.get();
    }

    /** Whether a call that failed this way may have reached the coordinator: it was sent, and no answer came. */
    private static boolean maybeReceived(Throwable t) {
        return !(t instanceof NotSent);
    }

    /** A call that failed before its request was sent: no connection could be had (refused, timed out, pool full). */
    private static final class NotSent extends RuntimeException {
        NotSent(Throwable cause) {
            super(describe(cause), cause, false, false);
        }
    }

    /**
     * A start was sent but its answer never came (the connection dropped, the coordinator crashed or timed out) or was
     * a 5xx: the coordinator may have created the LRA, which nobody knows the id of, and which would stay Active for
     * ever. Once the coordinator answers again, its active LRAs are listed and those with these starts' unique
     * ClientIDs are cancelled. One look-up per coordinator serves every start lost on it (with some jitter); each start
     * is looked for twice, the second time later, for a coordinator slow to finish it; retried with back-off while the
     * coordinator cannot be reached.
     */
    private void lostStart(URI coordinator, String uniqueId) {
        if (lostStarts.incrementAndGet() > MAX_LOST_STARTS) {
            lostStarts.decrementAndGet();
            LOG.warnf("An LRA start on %s got no answer (ClientID %s); too many are being looked for already: if it"
                    + " was created it stays Active", coordinator, uniqueId);
            return;
        }
        LOG.infof("An LRA start on %s got no answer; the LRA with ClientID %s will be cancelled if it was created",
                coordinator, uniqueId);
        LostStarts lost = lostOn.computeIfAbsent(coordinator, c -> new LostStarts());
        boolean schedule;
        synchronized (lost) {
            lost.looks.put(uniqueId, 0);
            schedule = !lost.scheduled;
            lost.scheduled = true;
        }
        if (schedule) {
            // late enough for a slow coordinator to have finished the start it received
            lookForLostStarts(coordinator, lost, firstLookMillis());
        }
    }

    private long firstLookMillis() {
        long base = Math.max(1000, 2 * requestTimeoutMillis);
        return base + ThreadLocalRandom.current().nextLong(base / 4 + 1);
    }

    /** The starts lost on one coordinator still to be looked for, with how many looks each has had. */
    private static final class LostStarts {
        final Map<String, Integer> looks = new java.util.HashMap<>();
        boolean scheduled;
    }

    private void lookForLostStarts(URI coordinator, LostStarts lost, long delayMillis) {
        vertx.setTimer(delayMillis, timer -> {
            if (closed) {
                return;
            }
            call("list", null, HttpMethod.GET, coordinator + "?Status=Active", null, null)
                    .compose(r -> {
                        if (r.status != 200) {
                            return Future.failedFuture(unexpected("list the active LRAs", r));
                        }
                        Map<String, URI> found = new java.util.HashMap<>();
                        for (Object o : new JsonArray(r.body)) {
                            if (o instanceof JsonObject lra && lra.getString("clientId") != null
                                    && lra.getString("clientId").contains(START_MARK)) {
                                found.put(lra.getString("clientId"), URI.create(lra.getString("lraId")));
                            }
                        }
                        List<Future<?>> cancels = new ArrayList<>();
                        synchronized (lost) {
                            for (var it = lost.looks.entrySet().iterator(); it.hasNext();) {
                                var e = it.next();
                                URI id = found.get(e.getKey());
                                if (id != null) {
                                    cancels.add(Future.fromCompletionStage(cancel(id)).onSuccess(v -> LOG.infof(
                                            "Cancelled LRA %s: its start's answer was lost, nobody could end it", id)));
                                }
                                if (id != null || e.getValue() >= 1) {
                                    it.remove(); // found, or looked for twice
                                    lostStarts.decrementAndGet();
                                } else {
                                    e.setValue(e.getValue() + 1);
                                }
                            }
                        }
                        return Future.join(cancels).<Void> mapEmpty().otherwiseEmpty();
                    })
                    .onComplete(ar -> {
                        boolean again;
                        synchronized (lost) {
                            again = !lost.looks.isEmpty();
                            lost.scheduled = again;
                        }
                        if (again) {
                            long next = ar.succeeded() ? firstLookMillis() : Math.min(30_000, delayMillis * 2);
                            lookForLostStarts(coordinator, lost, next);
                        }
                    });
        });
    }

    /**
     * Enlists a participant.
     *
     * @return the participant's recovery URL
     */
    public CompletionStage<URI> join(URI lra, long timeLimitMillis, String linkHeader) {
        String url = LraIds.operationUrl(coordinatorOf(lra), lra, null) + "?TimeLimit=" + timeLimitMillis;
        return call("join", lra, HttpMethod.PUT, url, linkHeader, null).map(r -> {
            if (r.status == 200 || r.status == 201) {
                String recovery = r.recovery != null ? r.recovery : r.location != null ? r.location : r.body.trim();
                return recovery.isEmpty() ? null : URI.create(recovery);
            }
            if (r.status == 404 || r.status == 410) {
                throw new CoordinatorException(410, "Cannot join LRA " + lra + ": the coordinator does not know it (it"
                        + " answered " + r.status + ")", null);
            }
            if (r.status == 412) {
                throw new CoordinatorException(412, "Cannot join LRA " + lra + ": it is no longer active", null);
            }
            throw unexpected("join LRA " + lra, r);
        }).toCompletionStage();
    }

    /** Closes an LRA; completes with its status as the coordinator reports it. */
    public CompletionStage<String> close(URI lra) {
        return end(lra, "close");
    }

    /** Cancels an LRA; completes with its status as the coordinator reports it. */
    public CompletionStage<String> cancel(URI lra) {
        return end(lra, "cancel");
    }

    private CompletionStage<String> end(URI lra, String operation) {
        String url = LraIds.operationUrl(coordinatorOf(lra), lra, operation);
        return call(operation, lra, HttpMethod.PUT, url, null, "").map(r -> {
            if (r.status == 200 || r.status == 202) {
                return r.body.trim();
            }
            if (r.status == 404 || r.status == 412) {
                throw new CoordinatorException(412, "Cannot " + operation + " LRA " + lra + ": it is not active (coordinator"
                        + " answered " + r.status + ")", null);
            }
            throw unexpected(operation + " LRA " + lra, r);
        }).toCompletionStage();
    }

    /** The status of an LRA; {@code null} when the coordinator no longer knows it (finished and forgotten). */
    public CompletionStage<LRAStatus> status(URI lra) {
        String url = LraIds.operationUrl(coordinatorOf(lra), lra, "status");
        return call("status", lra, HttpMethod.GET, url, null, null).map(r -> {
            if (r.status == 404) {
                return (LRAStatus) null;
            }
            if (r.status == 200) {
                String text = r.body.trim();
                try {
                    return LRAStatus.valueOf(text);
                } catch (IllegalArgumentException e) {
                    throw new CoordinatorException(503, "The LRA coordinator reported an unknown status for " + lra + ": "
                            + text, e);
                }
            }
            throw unexpected("read the status of LRA " + lra, r);
        }).toCompletionStage();
    }

    /** Removes a participant from an LRA; the participant is named by its compensate (or after) URL. */
    public CompletionStage<Void> leave(URI lra, String participantUrl) {
        String url = LraIds.operationUrl(coordinatorOf(lra), lra, "remove");
        return call("leave", lra, HttpMethod.PUT, url, null, participantUrl).map(r -> {
            if (r.status == 200) {
                return (Void) null;
            }
            if (r.status == 404 || r.status == 412) {
                throw new CoordinatorException(412, "Cannot leave LRA " + lra + ": it is not active (coordinator answered "
                        + r.status + ")", null);
            }
            if (r.status == 400) {
                throw new CoordinatorException(400, "Cannot leave LRA " + lra + ": " + r.body, null);
            }
            throw unexpected("leave LRA " + lra, r);
        }).toCompletionStage();
    }

    private URI coordinatorOf(URI lra) {
        URI c = ids.coordinatorOf(lra);
        if (c == null) {
            throw new CoordinatorException(403, "LRA " + lra + " does not belong to a trusted coordinator", null);
        }
        return c;
    }

    /**
     * Whether the coordinators new LRAs start on answer: asks each for the status of an LRA that does not exist, which
     * a working coordinator answers at once with 404.
     *
     * @return for each coordinator, null when it answered below 500, else what went wrong
     */
    public CompletionStage<Map<URI, String>> reachability() {
        return starts.all().thenCompose(all -> {
            Map<URI, String> result = new ConcurrentHashMap<>();
            List<Future<Void>> probes = new ArrayList<>(all.size());
            for (URI c : all) {
                probes.add(call("ping", null, HttpMethod.GET, c + "/0_lraext-readiness-probe/status", null, null)
                        .<Void> map(r -> {
                            result.put(c, r.status >= 500 ? "answered " + r.status : "");
                            return null;
                        })
                        .otherwise(t -> {
                            result.put(c, String.valueOf(t.getMessage()));
                            return null;
                        }));
            }
            return Future.join(probes).map(v -> {
                Map<URI, String> ordered = new java.util.LinkedHashMap<>();
                for (URI c : all) {
                    String problem = result.get(c);
                    ordered.put(c, problem == null || problem.isEmpty() ? null : problem);
                }
                return ordered;
            }).toCompletionStage();
        });
    }

    private Future<Answer> call(String operation, URI lra, HttpMethod method, String url, String link, String body) {
        long started = System.nanoTime();
        Object token = observer.started(operation, lra, url);
        return call(method, url, link, body).andThen(ar -> observer.ended(token, operation,
                ar.succeeded() ? ar.result().status : 0, System.nanoTime() - started));
    }

    private Future<Answer> call(HttpMethod method, String url, String link, String body) {
        RequestOptions options = target(new RequestOptions().setMethod(method), url).setTimeout(requestTimeoutMillis);
        options.putHeader("Accept", "text/plain, application/json");
        options.putHeader("Narayana-LRA-API-version", "1.2");
        if (link != null) {
            options.putHeader(LINK, link);
        }
        if (body != null) {
            options.putHeader("Content-Type", "text/plain");
        }
        // the body is read in the same callback that receives the response, so none of it can arrive unobserved
        return request(options)
                .recover(t -> Future.failedFuture(new NotSent(t)))
                .compose(req -> (body == null ? req.send() : req.send(Buffer.buffer(body)))
                        .compose(resp -> resp.body().map(buf -> new Answer(resp.statusCode(), resp.getHeader("Location"),
                                resp.getHeader("Long-Running-Action-Recovery"), buf.toString(StandardCharsets.UTF_8)))))
                .recover(t -> {
                    if (t instanceof CoordinatorException) {
                        return Future.failedFuture(t);
                    }
                    LOG.debugf(t, "LRA coordinator call %s %s failed", method, url);
                    return Future.failedFuture(new CoordinatorException(503, "The LRA coordinator at " + url
                            + " is unavailable: " + describe(t instanceof NotSent ? t.getCause() : t), t));
                });
    }

    /**
     * Points the request at an absolute URL as {@link RequestOptions#setAbsoluteURI(String)} does, without parsing the
     * whole URL into a {@link java.net.URL} each time: the few origins (scheme, host, port) coordinators have are
     * parsed once.
     */
    RequestOptions target(RequestOptions options, String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return options.setAbsoluteURI(url);
        }
        int end = scheme + 3;
        while (end < url.length() && url.charAt(end) != '/' && url.charAt(end) != '?' && url.charAt(end) != '#') {
            end++;
        }
        String origin = url.substring(0, end);
        Origin o = origins.get(origin);
        if (o == null) {
            RequestOptions parsed = new RequestOptions().setAbsoluteURI(origin);
            o = new Origin(parsed.isSsl(), parsed.getHost(), parsed.getPort());
            if (origins.size() < MAX_ORIGINS) {
                origins.put(origin, o);
            }
        }
        int fragment = url.indexOf('#', end);
        String path = fragment < 0 ? url.substring(end) : url.substring(end, fragment);
        return options.setSsl(o.ssl).setHost(o.host).setPort(o.port).setURI(path.startsWith("/") ? path : "/" + path);
    }

    private record Origin(boolean ssl, String host, int port) {
    }

    private static String describe(Throwable t) {
        String name = t.getClass().getSimpleName();
        String msg = t.getMessage();
        return msg == null ? name : name + ": " + msg;
    }

    private static CoordinatorException unexpected(String what, Answer r) {
        String body = r.body.length() > 300 ? r.body.substring(0, 300) + "..." : r.body;
        int status = r.status >= 500 || r.status == 429 ? 503 : 502;
        return new CoordinatorException(status, "Could not " + what + ": the LRA coordinator answered " + r.status
                + (body.isBlank() ? "" : ": " + body.strip()), null);
    }

    /** The client of the caller's event loop, or the shared one off any Vert.x context. */
    private HttpClient client() {
        Context context = Vertx.currentContext();
        if (!(context instanceof ContextInternal internal) || closed) {
            return http;
        }
        EventLoop loop = internal.nettyEventLoop();
        HttpClient client = perEventLoop.get(loop);
        if (client == null) {
            client = perEventLoop.computeIfAbsent(loop, l -> newClient());
            if (closed) {
                // close() ran meanwhile and may have missed it
                perEventLoop.remove(loop, client);
                client.close();
            }
        }
        return client;
    }

    /**
     * A new client; Vert.x's default pool placement opens each connection on the event loop of the call that needs it.
     * (Vert.x closes a client with the context it was created on when that context is a verticle's: see
     * {@link #request}.)
     */
    private HttpClient newClient() {
        return vertx.createHttpClient(httpOptions, poolOptions);
    }

    /** Sends with the caller's client; one that Vert.x closed meanwhile (with its verticle) is replaced, once. */
    private Future<HttpClientRequest> request(RequestOptions options) {
        HttpClient client = client();
        try {
            return client.request(options);
        } catch (IllegalStateException e) {
            if (closed || client == http || !perEventLoop.values().remove(client)) {
                return Future.failedFuture(e);
            }
            LOG.debugf("A pooled coordinator client was closed by Vert.x (%s); using a new one", e.getMessage());
            return client().request(options);
        }
    }

    @Override
    public void close() {
        closed = true;
        http.close();
        perEventLoop.values().forEach(HttpClient::close);
    }

    private record Answer(int status, String location, String recovery, String body) {
    }
}
