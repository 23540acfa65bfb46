package org.lraext.quarkus.runtime.observability;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.lraext.lra.coordinator.CoordinatorClient;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Readiness: "LRA coordinator reachable", registered when {@code quarkus-smallrye-health} is present (turn it off with
 * {@code quarkus.lra.health.enabled=false}). Asks the coordinator for the status of an LRA that does not exist, without
 * blocking a thread; DOWN when it cannot be reached within the configured timeouts or answers 5xx.
 */
@Readiness
@Singleton
public class CoordinatorReadinessCheck implements AsyncHealthCheck {

    static final String NAME = "LRA coordinator reachable";

    private final CoordinatorClient coordinator;

    public CoordinatorReadinessCheck(CoordinatorClient coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        String url = coordinator.ids().primary().toString();
        long started = System.nanoTime();
        return Uni.createFrom().completionStage(coordinator::ping)
                .map(v -> HealthCheckResponse.named(NAME).up().withData("url", url)
                        .withData("millis", (System.nanoTime() - started) / 1_000_000).build())
                .onFailure().recoverWithItem(t -> HealthCheckResponse.named(NAME).down().withData("url", url)
                        .withData("error", String.valueOf(t.getMessage())).build());
    }
}
