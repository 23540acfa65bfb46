package org.lraext.lra.coordinator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The HTTP side of the coordinator client: keep-alive connections, pooled per caller's Vert.x context, and one call's
 * request and answer.
 * <p>
 * Each Vert.x event loop has its own pool: a call made on an event loop uses that loop's connections, so its request,
 * its answer and the caller's continuation stay on one thread instead of hopping between event loops. A call made on a
 * worker thread of a Vert.x context (a blocking method's request) is sent from its context's event loop, for the same
 * reason. Calls made off any Vert.x context share one more pool. No call blocks.
 */
final class CoordinatorTransport implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CoordinatorTransport.class);
    /** Coordinator origins kept parsed; trusted and discovered coordinators are far fewer. */
    static final int MAX_ORIGINS = 256;
    /** Pools kept per event loop thread (a bounded set: Vert.x's event loops); beyond, callers share one pool. */
    static final int MAX_LOOP_POOLS = 256;

    /** One answer of the coordinator. */
    record Answer(int status, String location, String recovery, String body) {
    }

    private final Vertx vertx;
    private final HttpClientOptions httpOptions;
    private final PoolOptions poolOptions;
    private final long requestTimeoutMillis;
    private final CoordinatorClient.CallObserver observer;
    /** The Authorization header's value for each call, asked on the caller's thread and context; or null. */
    private final Supplier<String> authorization;
    /** A context of the transport's own, for work done later ({@link #later}). */
    private final Context background;
    /** For calls made off any Vert.x context, or beyond {@link #MAX_LOOP_POOLS}. */
    private final HttpClient shared;
    /** One pool per event loop thread, made at its first call. */
    private final Map<Thread, HttpClient> loopPools = new ConcurrentHashMap<>();
    /** Scheme, host and port of the coordinators' URLs, by their text (see {@link #target}). */
    private final Map<String, Origin> origins = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private record Origin(boolean ssl, String host, int port) {
    }

    CoordinatorTransport(Vertx vertx, CoordinatorClientOptions options, CoordinatorClient.CallObserver observer) {
        this.vertx = vertx;
        this.observer = observer;
        this.requestTimeoutMillis = options.requestTimeout().toMillis();
        this.httpOptions = new HttpClientOptions()
                .setKeepAlive(true)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()))
                .setIdleTimeout((int) options.idleTimeout().toMillis())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setTcpNoDelay(true)
                .setName("lra-coordinator-client");
        CoordinatorClientOptions.Tls tls = options.tls();
        if (tls != null) {
            // (TLS is used per request, for https URLs only: see target)
            httpOptions.setTrustOptions(tls.trust()).setKeyCertOptions(tls.keyCert()).setVerifyHost(tls.verifyHost())
                    .setTrustAll(tls.trustAll());
        }
        this.authorization = options.authorization();
        this.poolOptions = new PoolOptions().setHttp1MaxSize(options.maxConnections()).setMaxWaitQueueSize(-1);
        this.shared = vertx.createHttpClient(httpOptions, poolOptions);
        this.background = ownContext(vertx);
    }

    /**
     * A context of the transport's own: made on a thread of no Vert.x context, so that it is nobody's request context
     * (asking for one on a Vert.x thread would give that thread's current context).
     */
    private static Context ownContext(Vertx vertx) {
        if (Vertx.currentContext() == null) {
            return vertx.getOrCreateContext();
        }
        AtomicReference<Context> made = new AtomicReference<>();
        Thread maker = new Thread(() -> made.set(vertx.getOrCreateContext()), "lra-coordinator-client-context");
        maker.start();
        try {
            maker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return made.get();
    }

    /**
     * Runs {@code task} after {@code delayMillis} on a context of the transport's own, not the caller's: work the client
     * does by itself later (retried ends, searches for lost starts) carries none of the caller's context, e.g. not the
     * credentials of the request that caused it, which may have expired by then.
     */
    void later(long delayMillis, Runnable task) {
        background.runOnContext(v -> vertx.setTimer(delayMillis, id -> task.run()));
    }

    Vertx vertx() {
        return vertx;
    }

    long requestTimeoutMillis() {
        return requestTimeoutMillis;
    }

    boolean closed() {
        return closed;
    }

    /**
     * One call, observed for metrics and tracing. Every failure is a {@link CoordinatorException} (503: the coordinator
     * was not reached or did not answer in time); one whose request was never sent has a {@link NotSent} cause.
     *
     * @param operation the name observers see ({@code start}, {@code join}, ...)
     * @param lra the LRA the call is about, or null
     * @param link a {@code Link} header, or null
     * @param body a text body, or null for none
     */
    Future<Answer> call(String operation, URI lra, HttpMethod method, String url, String link, String body) {
        // (asked here, on the caller's thread and context: a propagated caller's token lives there)
        String credentials = authorization == null ? null : authorization.get();
        Context context = Vertx.currentContext();
        if (context != null && !Context.isOnEventLoopThread() && context.isEventLoopContext()) {
            // a worker thread of an event loop's context: send from that event loop, with its pool
            Promise<Answer> answer = Promise.promise();
            context.runOnContext(v -> observedCall(operation, lra, method, url, link, body, credentials)
                    .onComplete(answer));
            return answer.future();
        }
        return observedCall(operation, lra, method, url, link, body, credentials);
    }

    private Future<Answer> observedCall(String operation, URI lra, HttpMethod method, String url, String link,
            String body, String credentials) {
        long started = System.nanoTime();
        Object token = observer.started(operation, lra, url);
        return send(method, url, link, body, credentials).andThen(ar -> observer.ended(token, operation,
                ar.succeeded() ? ar.result().status() : 0, System.nanoTime() - started));
    }

    private Future<Answer> send(HttpMethod method, String url, String link, String body, String credentials) {
        RequestOptions options = target(new RequestOptions().setMethod(method), url).setTimeout(requestTimeoutMillis);
        options.putHeader("Accept", "text/plain, application/json");
        options.putHeader("Narayana-LRA-API-version", "1.2");
        if (credentials != null) {
            options.putHeader("Authorization", credentials);
        }
        if (link != null) {
            options.putHeader("Link", link);
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
                    LOG.debugf(t, "LRA coordinator call %s %s failed", method, url);
                    return Future.failedFuture(new CoordinatorException(503, "The LRA coordinator at " + url
                            + " is unavailable: " + Failures.describe(t instanceof NotSent ? t.getCause() : t), t));
                });
    }

    /** A call that failed before its request was sent: no connection could be had (refused, timed out, pool full). */
    static final class NotSent extends RuntimeException {
        NotSent(Throwable cause) {
            super(Failures.describe(cause), cause, false, false);
        }
    }

    /** Whether a failed call's request may have reached the coordinator. */
    static boolean maybeReceived(CoordinatorException e) {
        return e.getCause() != null && !(e.getCause() instanceof NotSent);
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

    /** Sends with the caller's pool; one that Vert.x closed meanwhile (with its verticle) is replaced, once. */
    private Future<HttpClientRequest> request(RequestOptions options) {
        HttpClient client = client();
        try {
            return client.request(options);
        } catch (IllegalStateException e) {
            if (closed || client == shared || !loopPools.values().remove(client)) {
                return Future.failedFuture(e);
            }
            LOG.debugf("A pooled coordinator client was closed by Vert.x (%s); using a new one", e.getMessage());
            return client().request(options);
        }
    }

    /** How many event loops have a pool of their own. */
    int loopPools() {
        return loopPools.size();
    }

    /**
     * The pool of the caller's event loop. (Vert.x opens each connection on the event loop of the call that needs it,
     * and closes a client with the context it was created on when that context is a verticle's: see {@link #request}.)
     */
    private HttpClient client() {
        if (closed || !Context.isOnEventLoopThread()) {
            return shared;
        }
        Thread loop = Thread.currentThread();
        HttpClient client = loopPools.get(loop);
        if (client == null) {
            if (loopPools.size() >= MAX_LOOP_POOLS) {
                return shared;
            }
            client = loopPools.computeIfAbsent(loop, l -> vertx.createHttpClient(httpOptions, poolOptions));
            if (closed) {
                // close() ran meanwhile and may have missed it
                loopPools.remove(loop, client);
                client.close();
                return shared;
            }
        }
        return client;
    }

    @Override
    public void close() {
        closed = true;
        shared.close();
        loopPools.values().forEach(HttpClient::close);
        loopPools.clear();
    }
}
