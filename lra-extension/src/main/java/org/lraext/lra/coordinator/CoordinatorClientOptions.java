package org.lraext.lra.coordinator;

import java.time.Duration;
import java.util.function.Supplier;

import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.TrustOptions;

/**
 * How the coordinator client connects.
 *
 * @param connectTimeout how long to wait for a TCP connection
 * @param requestTimeout how long to wait for an answer (close and cancel wait for the participants' callbacks)
 * @param maxConnections pooled keep-alive connections per coordinator and event loop
 * @param idleTimeout how long an idle pooled connection is kept
 * @param tls how {@code https} coordinators are trusted and what the client shows them; null: the JVM's trust store,
 *        no client certificate, host names verified
 * @param authorization the {@code Authorization} header of every call, asked for each call on the caller's thread and
 *        Vert.x context (it may change, e.g. a token file that is rotated, or depend on the caller, e.g. a propagated
 *        token); calls the client makes later by itself (retried ends, searches for lost starts) ask it on a context of
 *        the client's own. Null, or a supplier answering null: no header
 */
public record CoordinatorClientOptions(Duration connectTimeout, Duration requestTimeout, int maxConnections,
        Duration idleTimeout, Tls tls, Supplier<String> authorization) {

    public CoordinatorClientOptions(Duration connectTimeout, Duration requestTimeout, int maxConnections,
            Duration idleTimeout) {
        this(connectTimeout, requestTimeout, maxConnections, idleTimeout, null, null);
    }

    public static CoordinatorClientOptions defaults() {
        return new CoordinatorClientOptions(Duration.ofSeconds(5), Duration.ofSeconds(30), 16, Duration.ofSeconds(20));
    }

    /**
     * TLS towards {@code https} coordinators.
     *
     * @param trust the certificates trusted, or null for the JVM's
     * @param keyCert the client certificate and key shown (mutual TLS), or null for none
     * @param verifyHost whether the coordinator's certificate must name the host connected to
     * @param trustAll whether any certificate is accepted (tests only)
     */
    public record Tls(TrustOptions trust, KeyCertOptions keyCert, boolean verifyHost, boolean trustAll) {
    }
}
