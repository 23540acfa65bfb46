package org.lraext.quarkus.runtime;

import java.time.Duration;
import java.util.List;
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
     * The base URL of the LRA coordinator that new LRAs start on, e.g. {@code http://localhost:50000/lra-coordinator}.
     * <p>
     * In dev and test mode, when this is not set, a coordinator is started for the application (see
     * {@code quarkus.lra.devservices.*}) and this points to it.
     */
    @WithDefault(DEFAULT_COORDINATOR_URL)
    String coordinatorUrl();

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
     * The configured {@code coordinator-url} is always trusted. An LRA of any other coordinator is refused with 403
     * and never contacted: a participant calls the coordinator an LRA id names.
     */
    Optional<List<String>> trustedCoordinators();

    /**
     * How the application talks to coordinators.
     */
    Coordinator coordinator();

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
         * The most keep-alive connections kept open to one coordinator.
         */
        @WithDefault("64")
        int maxConnections();

        /**
         * How long an unused pooled connection stays open.
         */
        @WithDefault("20s")
        Duration idleTimeout();
    }
}
