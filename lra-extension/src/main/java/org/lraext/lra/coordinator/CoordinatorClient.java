package org.lraext.lra.coordinator;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.jboss.logging.Logger;
import org.lraext.lra.protocol.LraIds;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Non-blocking client of a Narayana LRA coordinator.
 * <p>
 * One Vert.x {@link HttpClient} with a pool of keep-alive connections serves every call; no call blocks. Every failure
 * ends in a {@link CoordinatorException} whose status a participant can hand to its caller: 503 when the coordinator
 * cannot be reached or does not answer in time, 412 when the LRA is no longer active.
 */
public class CoordinatorClient implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CoordinatorClient.class);
    private static final String LINK = "Link";

    private final HttpClient http;
    private final LraIds ids;
    private final long requestTimeoutMillis;
    private final CallObserver observer;
    /** Round-robin position among the coordinators new LRAs start on. */
    private final AtomicInteger next = new AtomicInteger();
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
        this.ids = ids;
        this.observer = observer;
        this.requestTimeoutMillis = options.requestTimeout().toMillis();
        // a coordinator that failed is skipped for a while, then tried again by the next start that reaches it
        this.skipNanos = Math.max(TimeUnit.SECONDS.toNanos(5), 2 * options.connectTimeout().toNanos());
        HttpClientOptions http = new HttpClientOptions()
                .setKeepAlive(true)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()))
                .setIdleTimeout((int) options.idleTimeout().toMillis())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setTcpNoDelay(true)
                .setName("lra-coordinator-client");
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(options.maxConnections()).setMaxWaitQueueSize(-1);
        this.http = vertx.createHttpClient(http, pool);
    }

    /** The trusted coordinators and the rules for ids. */
    public LraIds ids() {
        return ids;
    }

    /**
     * Starts an LRA: a nested one on its parent's coordinator, a top-level one on the next of the start coordinators
     * (round-robin). A coordinator that cannot be reached, or answers 5xx, is skipped and the next one tried, so one
     * that is down costs a request at most one connect timeout; it is then left out of new starts for a few seconds.
     *
     * @param clientId a name for the LRA (the endpoint that started it)
     * @param timeLimitMillis 0 for none
     * @param parent the parent LRA of a nested one, or null
     */
    public CompletionStage<URI> start(String clientId, long timeLimitMillis, URI parent) {
        if (parent != null) {
            return startOn(coordinatorOf(parent), clientId, timeLimitMillis, parent).toCompletionStage();
        }
        List<URI> all = ids.startOn();
        if (all.size() == 1) {
            return startOn(all.get(0), clientId, timeLimitMillis, null).toCompletionStage();
        }
        int first = Math.floorMod(next.getAndIncrement(), all.size());
        List<URI> order = new ArrayList<>(all.size());
        List<URI> skipped = new ArrayList<>();
        long now = System.nanoTime();
        for (int i = 0; i < all.size(); i++) {
            URI c = all.get((first + i) % all.size());
            Long until = downUntil.get(c);
            if (until != null && until - now > 0) {
                skipped.add(c);
            } else {
                order.add(c);
            }
        }
        order.addAll(skipped); // all down: try them anyway, in the same order
        return startOnFirst(order, 0, clientId, timeLimitMillis, null).toCompletionStage();
    }

    private Future<URI> startOnFirst(List<URI> order, int i, String clientId, long timeLimitMillis, CoordinatorException last) {
        if (i == order.size()) {
            return Future.failedFuture(last);
        }
        URI coordinator = order.get(i);
        return startOn(coordinator, clientId, timeLimitMillis, null)
                .onSuccess(lra -> downUntil.remove(coordinator))
                .recover(t -> {
                    if (t instanceof CoordinatorException e && e.status() == 503) {
                        downUntil.put(coordinator, System.nanoTime() + skipNanos);
                        LOG.debugf("LRA coordinator %s failed to start an LRA (%s); trying the next one", coordinator,
                                e.getMessage());
                        return startOnFirst(order, i + 1, clientId, timeLimitMillis, e);
                    }
                    return Future.failedFuture(t);
                });
    }

    private Future<URI> startOn(URI coordinator, String clientId, long timeLimitMillis, URI parent) {
        StringBuilder url = new StringBuilder(coordinator.toString()).append("/start?ClientID=")
                .append(URLEncoder.encode(clientId, StandardCharsets.UTF_8)).append("&TimeLimit=").append(timeLimitMillis);
        if (parent != null) {
            url.append("&ParentLRA=").append(URLEncoder.encode(parent.toString(), StandardCharsets.UTF_8));
        }
        return call("start", null, HttpMethod.POST, url.toString(), null, null).map(r -> {
            if (r.status == 201 || r.status == 200) {
                String location = r.location != null ? r.location : r.body.trim();
                try {
                    return URI.create(location);
                } catch (IllegalArgumentException e) {
                    throw new CoordinatorException(503, "The LRA coordinator answered start with an invalid LRA id: "
                            + location, e);
                }
            }
            if (parent != null && (r.status == 404 || r.status == 412)) {
                throw new CoordinatorException(412, "Cannot start an LRA nested in " + parent + ": the coordinator answered "
                        + r.status + " " + r.body, null);
            }
            throw unexpected("start an LRA", r);
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
     * Whether the primary coordinator answers: asks for the status of an LRA that does not exist, which a working
     * coordinator answers at once with 404. Completes normally when it answered below 500.
     */
    public CompletionStage<Void> ping() {
        String url = ids.primary() + "/0_lraext-readiness-probe/status";
        return call("ping", null, HttpMethod.GET, url, null, null).map(r -> {
            if (r.status >= 500) {
                throw new CoordinatorException(503, "The LRA coordinator at " + ids.primary() + " answered " + r.status,
                        null);
            }
            return (Void) null;
        }).toCompletionStage();
    }

    private Future<Answer> call(String operation, URI lra, HttpMethod method, String url, String link, String body) {
        long started = System.nanoTime();
        Object token = observer.started(operation, lra, url);
        return call(method, url, link, body).andThen(ar -> observer.ended(token, operation,
                ar.succeeded() ? ar.result().status : 0, System.nanoTime() - started));
    }

    private Future<Answer> call(HttpMethod method, String url, String link, String body) {
        RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(url).setTimeout(requestTimeoutMillis);
        options.putHeader("Accept", "text/plain, application/json");
        options.putHeader("Narayana-LRA-API-version", "1.2");
        if (link != null) {
            options.putHeader(LINK, link);
        }
        if (body != null) {
            options.putHeader("Content-Type", "text/plain");
        }
        // the body is read in the same callback that receives the response, so none of it can arrive unobserved
        return http.request(options)
                .compose(req -> (body == null ? req.send() : req.send(Buffer.buffer(body)))
                        .compose(resp -> resp.body().map(buf -> new Answer(resp.statusCode(), resp.getHeader("Location"),
                                resp.getHeader("Long-Running-Action-Recovery"), buf.toString(StandardCharsets.UTF_8)))))
                .recover(t -> {
                    if (t instanceof CoordinatorException) {
                        return Future.failedFuture(t);
                    }
                    LOG.debugf(t, "LRA coordinator call %s %s failed", method, url);
                    return Future.failedFuture(new CoordinatorException(503, "The LRA coordinator at " + url
                            + " is unavailable: " + describe(t), t));
                });
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

    @Override
    public void close() {
        http.close();
    }

    private record Answer(int status, String location, String recovery, String body) {
    }
}
