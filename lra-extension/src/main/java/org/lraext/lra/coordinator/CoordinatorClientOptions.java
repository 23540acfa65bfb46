package org.lraext.lra.coordinator;

import java.time.Duration;

/**
 * How the coordinator client connects.
 *
 * @param connectTimeout how long to wait for a TCP connection
 * @param requestTimeout how long to wait for an answer (close and cancel wait for the participants' callbacks)
 * @param maxConnections pooled keep-alive connections per coordinator and event loop
 * @param idleTimeout how long an idle pooled connection is kept
 */
public record CoordinatorClientOptions(Duration connectTimeout, Duration requestTimeout, int maxConnections,
        Duration idleTimeout) {

    public static CoordinatorClientOptions defaults() {
        return new CoordinatorClientOptions(Duration.ofSeconds(5), Duration.ofSeconds(30), 16, Duration.ofSeconds(20));
    }
}
