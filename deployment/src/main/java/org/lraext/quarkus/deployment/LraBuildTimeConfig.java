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
         * Extra JVM options for the coordinator, e.g. {@code -Xmx256m}.
         */
        Optional<List<String>> javaOptions();

        /**
         * How long to wait for the coordinator to accept requests.
         */
        @WithDefault("60s")
        Duration startTimeout();
    }
}
