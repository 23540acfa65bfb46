package org.lraext.quarkus.deployment;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Build-time configuration of LRA participants.
 */
@ConfigMapping(prefix = "quarkus.lra")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface LraBuildTimeConfig {

    /**
     * The coordinator started for dev and test mode.
     */
    DevServices devservices();

    /**
     * The readiness check, when {@code quarkus-smallrye-health} is present.
     */
    Health health();

    /**
     * Metrics, when {@code quarkus-micrometer} is present.
     */
    Metrics metrics();

    /**
     * The OpenAPI document, when {@code quarkus-smallrye-openapi} is present.
     */
    OpenApi openapi();

    /**
     * Tracing, when {@code quarkus-opentelemetry} is present.
     */
    Tracing tracing();

    /**
     * OpenTelemetry tracing.
     */
    interface Tracing {

        /**
         * Whether to trace with OpenTelemetry when {@code quarkus-opentelemetry} is present: the attribute
         * {@code lra.id} on the server span of every @LRA method and participant callback, and a client span
         * {@code lra-coordinator <operation>} for every coordinator call.
         */
        @WithDefault("true")
        boolean enabled();
    }

    /**
     * OpenAPI.
     */
    interface OpenApi {

        /**
         * Whether the endpoints the extension adds to the application (the proxy through which the coordinator calls
         * participant callbacks that are plain CDI methods, under {@code /lra-participant-proxy}) appear in the
         * application's OpenAPI document. They are called by the coordinator only, so they are hidden by default.
         */
        @WithDefault("false")
        boolean showExtensionEndpoints();
    }

    /**
     * The readiness check "LRA coordinator reachable".
     */
    interface Health {

        /**
         * Whether to add the readiness check "LRA coordinator reachable" when {@code quarkus-smallrye-health} is
         * present. It asks the configured coordinator for the status of an LRA that does not exist and is DOWN when the
         * coordinator cannot be reached within the connect and request timeouts, or answers 5xx.
         */
        @WithDefault("true")
        boolean enabled();
    }

    /**
     * Micrometer metrics.
     */
    interface Metrics {

        /**
         * Whether to publish the extension's metrics when {@code quarkus-micrometer} is present: {@code lra.started},
         * {@code lra.joined}, {@code lra.ended} (outcome closed / cancelled, result ok / failed), {@code lra.callbacks}
         * (kind, outcome as status class) and the timer {@code lra.coordinator.calls} (operation, outcome).
         */
        @WithDefault("true")
        boolean enabled();
    }

    /**
     * Dev Services: in dev and test mode, when {@code quarkus.lra.coordinator-url} is not set, the project's Narayana
     * coordinator is started as its own JVM (no containers) and the application is pointed at it.
     */
    interface DevServices {

        /**
         * Whether to start a coordinator in dev and test mode when {@code quarkus.lra.coordinator-url} is not set.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * The port of the dev coordinator. In dev mode it defaults to 50001 and the coordinator is shared: an
         * application that finds one already running there uses it. In test mode it defaults to a free port.
         */
        OptionalInt port();

        /**
         * The coordinator's runnable jar. By default the artifact {@code org.lraext:lra-coordinator:<version>:runner}
         * is resolved from the Maven repositories.
         */
        Optional<String> coordinatorJar();

        /**
         * Extra JVM options for the coordinator, e.g. {@code -Xmx256m}. They come after the extension's own, so they
         * can override them: the dev coordinator is tuned for a quick start ({@code -XX:TieredStopAtLevel=1}, and a
         * class-data-sharing archive recorded by its first start) and runs recovery's second pass 1 s after its first
         * (Narayana waits 10 s by default; {@code -DRecoveryEnvironmentBean.recoveryBackoffPeriod=10} brings that back).
         */
        Optional<List<String>> javaOptions();

        /**
         * How long to wait for the coordinator to accept requests.
         */
        @WithDefault("60s")
        Duration startTimeout();

        /**
         * Whether the dev coordinator serves {@code https} only, with a certificate for {@code localhost} made for it
         * (with its own authority, valid for 30 days) in its directory under the system's temporary directory; the
         * application trusts that authority through the TLS configuration {@code lra-devservices}, which
         * {@code quarkus.lra.coordinator.tls-configuration-name} is set to. For trying the application's TLS set-up
         * in dev mode and tests; the coordinator is then not shared between applications.
         */
        @WithDefault("false")
        boolean tls();

        /**
         * Whether the dev coordinator wants a bearer JWT on every call (as {@code LRA_COORDINATOR_AUTH=true} does),
         * verified with a key pair made for it: the application gets a token file with the {@code lra-participant} role
         * ({@code quarkus.lra.coordinator.token-file}), the coordinator sends a token with the {@code lra-coordinator}
         * role on its callbacks, and {@code lra-devservices.admin-token-file} names a file with an {@code lra-admin}
         * token for trying the coordinator's administrative calls. The tokens are valid for 30 days; the public key
         * that verifies them is at {@code lra-devservices.jwt-public-key} (a PEM file), for an application that checks
         * callbacks with {@code quarkus.lra.callbacks.roles-allowed}. The coordinator is then not shared between
         * applications.
         */
        @WithDefault("false")
        boolean jwt();
    }
}
