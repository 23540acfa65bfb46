package org.lraext.quarkus.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Run-time configuration of LRA participants.
 */
@ConfigMapping(prefix = "quarkus.lra")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface LraConfig {

    /** The default coordinator URL, the one {@code quarkus-narayana-lra} uses too. */
    String DEFAULT_COORDINATOR_URL = "http://localhost:50000/lra-coordinator";

    /**
     * The base URL of the LRA coordinator that new LRAs start on, e.g. {@code http://localhost:50000/lra-coordinator};
     * or several, comma-separated: new LRAs are then spread over them round-robin, and one that cannot be reached (or
     * answers 5xx) is skipped for another, so that a coordinator that is down costs a request at most one connect
     * timeout and is left out of new starts for a few seconds. Every later call about an LRA goes to the coordinator
     * named in its id: an LRA lives on the coordinator that started it.
     * <p>
     * Or a SmallRye Stork service, {@code stork://<service>/<path>}, e.g. {@code stork://lra-coordinator/lra-coordinator}:
     * each new LRA starts on the instance Stork's load balancer chooses (configured with
     * {@code quarkus.stork.<service>.load-balancer.type}, round-robin by default), the other instances being the
     * fall-backs; the coordinators Stork names are trusted, and stay trusted once they leave its list. Needs
     * {@code io.quarkus:quarkus-smallrye-stork} and {@code quarkus.stork.<service>.service-discovery.*}.
     * <p>
     * In dev and test mode, when this is not set, a coordinator is started for the application (see
     * {@code quarkus.lra.devservices.*}) and this points to it.
     */
    @WithDefault(DEFAULT_COORDINATOR_URL)
    List<String> coordinatorUrl();

    /**
     * The base URI under which the coordinator reaches this application's participant callbacks, e.g.
     * {@code http://trip-service:8080}: scheme, host, port and any path prefix before the application's REST path.
     * <p>
     * Set it when the address the application sees in requests is not the one the coordinator can call (behind a
     * proxy, NAT or a Kubernetes service). When not set, the base URI of each incoming request is used.
     */
    Optional<String> baseUri();

    /**
     * Other coordinators whose LRAs this application accepts in the {@code Long-Running-Action} header, as base URLs.
     * <p>
     * The configured {@code coordinator-url} coordinators are always trusted. An LRA of any other coordinator is refused with 403
     * and never contacted: a participant calls the coordinator an LRA id names.
     */
    Optional<List<String>> trustedCoordinators();

    /**
     * How the application talks to coordinators.
     */
    Coordinator coordinator();

    /**
     * How participant callbacks are protected.
     */
    Callbacks callbacks();

    /** What the application did for each LRA, kept for tests and the Dev UI. */
    Journal journal();

    /** LRAs carried over Kafka (only used when the application has {@code quarkus-messaging-kafka}). */
    Kafka kafka();

    interface Kafka {
        /**
         * The outgoing channels, by name, and whether the records sent on each carry the LRA they are sent in
         * (headers {@code Long-Running-Action}, and {@code Long-Running-Action-Parent} for a nested LRA). Every
         * outgoing Kafka channel does unless it is listed here with {@code false}, e.g.
         * {@code quarkus.lra.kafka.channel."audit".propagate=false}.
         */
        Map<String, Channel> channel();

        interface Channel {
            /** Whether the channel's records carry the LRA they are sent in. */
            @WithDefault("true")
            boolean propagate();
        }
    }

    interface Journal {

        /**
         * Whether the application keeps what it did and received for each LRA (starts, joins, ends, callbacks) and
         * serves it at {@code /q/lra/journal}, for {@code quarkus-lra-junit} and the Dev UI. On by default in dev and
         * test mode, off in production; {@code quarkus-lra-junit}'s {@code LraTestResource} turns it on for a packaged
         * application under {@code @QuarkusIntegrationTest}. It tells anyone who can reach the application about its
         * LRAs: leave it off in production.
         */
        Optional<Boolean> enabled();
    }

    /**
     * Participant callbacks ({@code @Complete}, {@code @Compensate}, {@code @Status}, {@code @Forget},
     * {@code @AfterLRA}).
     */
    interface Callbacks {

        /**
         * Signs the callback URLs this application registers with the coordinator, and refuses (403) every callback
         * that does not carry a valid signature for its LRA and participant.
         * <p>
         * Without it, anyone who can reach the application can call its {@code /compensate} for any LRA. With it, a
         * callback must come with the HMAC-SHA256 of the LRA id and the participant made with this key, which only
         * the coordinator the participant joined with was given. At least 32 characters, e.g. the output of
         * {@code openssl rand -base64 32}; every instance of the application needs the same key.
         */
        Optional<String> signingKey();

        /**
         * Keys that signed earlier joins and are still accepted on callbacks, for rotation: set the new key as
         * {@code signing-key}, list the old one here until the LRAs joined with it have ended.
         */
        Optional<List<String>> previousSigningKeys();

        /**
         * How many final {@code @Complete} / {@code @Compensate} answers are remembered per application, so that a
         * repeated delivery of the same callback for the same LRA is answered again without calling the method a
         * second time. {@code 0} turns this off. The memory does not survive a restart: a method must still look at
         * its business state before acting.
         */
        @WithDefault("10000")
        int remembered();

        /**
         * The roles a callback's caller must have, e.g. {@code lra-coordinator}, the role of the token the coordinator
         * sends on its callbacks: every participant callback of the application (JAX-RS and plain-method ones, found at
         * build time, so none is forgotten) is answered 401 without credentials and 403 without one of these roles,
         * before the guard above and before the method. The identity comes from the application's authentication
         * mechanism (e.g. {@code quarkus-smallrye-jwt} for bearer tokens, or a client certificate); without one the
         * application does not start. Unset: callbacks need no identity.
         */
        Optional<List<String>> rolesAllowed();
    }

    /**
     * Connections to coordinators.
     */
    interface Coordinator {

        /**
         * How long to wait for a connection to a coordinator; an unreachable coordinator fails the request with 503
         * after this.
         */
        @WithDefault("5s")
        Duration connectTimeout();

        /**
         * How long to wait for a coordinator's answer. Closing and cancelling wait for the participants' callbacks, so
         * this must exceed the slowest callback.
         */
        @WithDefault("30s")
        Duration requestTimeout();

        /**
         * The most keep-alive connections kept open to one coordinator from one Vert.x event loop. Connections are
         * pooled per event loop, so that a request's coordinator calls and their answers stay on its event loop; the
         * total is at most this times the number of event loops (two per core by default), plus one more pool for calls
         * made off any event loop. Calls beyond it wait for a free connection.
         */
        @WithDefault("16")
        int maxConnections();

        /**
         * How long an unused pooled connection stays open.
         */
        @WithDefault("20s")
        Duration idleTimeout();

        /**
         * The TLS configuration of the Quarkus TLS registry ({@code quarkus.tls.<name>.*}) used towards {@code https}
         * coordinators: the certificates trusted, the client certificate shown for mutual TLS, and host-name
         * verification (on unless the configuration sets {@code hostname-verification-algorithm=NONE}). When unset,
         * the registry's default configuration ({@code quarkus.tls.*}) is used if there is one, else the JVM's trust
         * store. A name the registry does not know stops the application at start-up.
         */
        Optional<String> tlsConfigurationName();

        /**
         * A file holding the bearer token this service sends to the coordinator on every call
         * ({@code Authorization: Bearer <token>}), such as a Kubernetes projected service-account token. The file is
         * read at start-up (missing or empty: the application does not start) and read again when it changes, so a
         * rotated token is used without a restart. Unset: no token is sent.
         */
        Optional<Path> tokenFile();

        /**
         * How often the token file is checked for a new token.
         */
        @WithDefault("5s")
        Duration tokenFileCheck();

        /**
         * This service's token towards the coordinator from an OIDC client of {@code quarkus-oidc-client}, e.g. with the
         * client-credentials grant.
         */
        OidcClient oidcClient();

        /**
         * Whether the coordinator calls made while this application serves an HTTP request carry that request's bearer
         * token ({@code Authorization: Bearer ...}) rather than the service's own: the start, join, leave and end of the
         * request's LRA, and what the request asks of {@code LraClient}. The coordinator then sees the caller (an end
         * user, or the service that called this one), whose token must hold a role the coordinator accepts. Calls made
         * for a request without a bearer token, or outside any request (a Kafka record, a scheduled job, an end retried
         * later), carry the service's own token ({@code token-file} or {@code oidc-client}) when there is one.
         */
        @WithDefault("false")
        boolean propagateToken();
    }

    /**
     * An OIDC client ({@code quarkus.oidc-client.*}) as the source of this service's token towards the coordinator.
     */
    interface OidcClient {

        /**
         * Whether this service's token towards the coordinator comes from an OIDC client of
         * {@code io.quarkus:quarkus-oidc-client} (e.g. {@code quarkus.oidc-client.grant.type=client}, the
         * client-credentials grant). The token is fetched at start-up and again before it expires (with the refresh
         * token when there is one), in the background: no call waits for it. Cannot be combined with
         * {@code token-file}.
         */
        @WithDefault("false")
        boolean enabled();

        /**
         * The name of the OIDC client ({@code quarkus.oidc-client.<name>.*}); unset: the default client
         * ({@code quarkus.oidc-client.*}).
         */
        Optional<String> name();
    }
}
