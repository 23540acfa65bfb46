package org.lraext.quarkus.runtime.internal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.lraext.quarkus.runtime.LraConfig;
import org.lraext.quarkus.runtime.LraConfigKeys;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.OidcClients;
import io.quarkus.oidc.client.Tokens;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * This service's bearer token towards the coordinator, from an OIDC client of {@code quarkus-oidc-client} (e.g. the
 * client-credentials grant): fetched at start-up, then again in the background when four fifths of its lifetime have
 * passed (with its refresh token when it has one), so a call never waits for the identity provider, it reads the
 * latest token from memory. A failed fetch keeps the last token and is tried again with a growing pause (1 s to 30 s),
 * with one warning per kind of failure. A bean only in applications with {@code quarkus-oidc-client}, made when
 * {@code quarkus.lra.coordinator.oidc-client.enabled} is on.
 */
@Singleton
public class OidcClientToken implements ServiceToken {

    private static final Logger LOG = Logger.getLogger(OidcClientToken.class);
    /** How long start-up waits for the first token, so that the first calls carry it. */
    static final Duration FIRST_WAIT = Duration.ofSeconds(10);
    /** How long one request for a token may take before it counts as failed (and is tried again). */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
    private static final long MIN_DELAY_MILLIS = 1_000;
    private static final long MAX_RETRY_MILLIS = 30_000;

    private final Vertx vertx;
    private final OidcClient client;
    private final String name;
    private final CountDownLatch first = new CountDownLatch(1);
    private volatile String header;
    private volatile Tokens tokens;
    /** Whether the next fetch may use the refresh token (not after a refresh failed). */
    private volatile boolean refresh = true;
    private volatile long retryMillis = MIN_DELAY_MILLIS;
    private volatile String problem;
    private volatile long timer = -1;
    private volatile boolean closed;

    /**
     * The token of the configured OIDC client, its first fetch started (and awaited for up to {@link #FIRST_WAIT}
     * unless this is an event loop).
     *
     * @throws ConfigurationException when {@code quarkus-oidc-client} has no such client
     */
    @Inject
    OidcClientToken(Vertx vertx, LraConfig config, OidcClients clients) {
        this.vertx = vertx;
        String configured = config.coordinator().oidcClient().name().orElse(null);
        OidcClient c = configured == null ? clients.getClient() : clients.getClient(configured);
        if (c == null) {
            throw new ConfigurationException(LraConfigKeys.COORDINATOR_OIDC_CLIENT + ".name is " + configured + ", but"
                    + " there is no OIDC client of that name: configure quarkus.oidc-client." + configured + ".* or fix"
                    + " the name");
        }
        this.client = c;
        this.name = configured == null ? "the default OIDC client" : configured;
        fetch();
        if (!Context.isOnEventLoopThread()) {
            try {
                if (!first.await(FIRST_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warnf("No token from %s within %d s: coordinator calls carry none until it answers", name,
                            FIRST_WAIT.toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** {@code Bearer <access token>}, or null before the first token arrived. */
    @Override
    public String get() {
        return header;
    }

    private void fetch() {
        if (closed) {
            return;
        }
        Tokens current = tokens;
        boolean useRefresh = refresh && current != null && current.getRefreshToken() != null
                && !current.isRefreshTokenExpired();
        Uni<Tokens> next;
        try {
            next = useRefresh ? client.refreshTokens(current.getRefreshToken()) : client.getTokens();
        } catch (RuntimeException e) {
            failed(e, useRefresh);
            return;
        }
        // (an identity provider that accepts the request and never answers must not stop the renewals)
        next.ifNoItem().after(ANSWER_TIMEOUT).fail().subscribe().with(this::received, t -> failed(t, useRefresh));
    }

    private void received(Tokens t) {
        if (t == null || t.getAccessToken() == null || t.getAccessToken().isBlank()) {
            failed(new IllegalStateException("the answer held no access token"), false);
            return;
        }
        boolean firstToken = header == null;
        tokens = t;
        header = "Bearer " + t.getAccessToken().strip();
        refresh = true;
        retryMillis = MIN_DELAY_MILLIS;
        if (problem != null) {
            LOG.infof("%s answers again: coordinator calls carry its new token", name);
            problem = null;
        } else if (firstToken) {
            LOG.debugf("Coordinator calls carry the token of %s", name);
        }
        first.countDown();
        Long expiresAt = t.getAccessTokenExpiresAt();
        if (expiresAt != null) {
            long left = expiresAt * 1000 - System.currentTimeMillis();
            schedule(Math.max(MIN_DELAY_MILLIS, left - left / 5));
        } // (a token without an expiry is kept until the application stops)
    }

    private void failed(Throwable t, boolean triedRefresh) {
        if (triedRefresh) {
            refresh = false; // the next try asks for a new token
        }
        String what = t.getClass().getSimpleName() + ": " + t.getMessage();
        if (!what.equals(problem)) {
            problem = what;
            LOG.warnf("Could not get a token from %s (%s); coordinator calls carry %s, trying again", name, what,
                    header == null ? "none" : "the last one");
        }
        first.countDown(); // (start-up waits no longer: it was tried)
        long delay = retryMillis;
        retryMillis = Math.min(MAX_RETRY_MILLIS, delay * 2);
        schedule(delay);
    }

    private void schedule(long delayMillis) {
        if (!closed) {
            timer = vertx.setTimer(delayMillis, id -> fetch());
        }
    }

    @PreDestroy
    void close() {
        closed = true;
        long t = timer;
        if (t >= 0) {
            vertx.cancelTimer(t);
        }
    }

    @Override
    public String toString() {
        return "OIDC client " + name;
    }
}
