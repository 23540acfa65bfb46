package org.lraext.quarkus.runtime.observability;

import java.net.URI;
import java.util.Map;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.lraext.lra.coordinator.CoordinatorClient;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Readiness: "LRA coordinator reachable", registered when {@code quarkus-smallrye-health} is present (turn it off with
 * {@code quarkus.lra.health.enabled=false}). Asks each coordinator new LRAs start on for the status of an LRA that does
 * not exist, without blocking a thread; UP when at least one answers, DOWN when none can be reached within the
 * configured timeouts or all answer 5xx. The data names each coordinator with UP or what went wrong.
 */
@Readiness
@Singleton
public class CoordinatorReadinessCheck implements AsyncHealthCheck {

    static final String NAME = "LRA coordinator reachable";

    private final CoordinatorClient coordinator;

    public CoordinatorReadinessCheck(CoordinatorClient coordinator) {
        this.coordinator = coordinator;
    }

    /** Up when at least one coordinator new LRAs start on answers; each one's state is in the data. */
    @Override
    public Uni<HealthCheckResponse> call() {
        long started = System.nanoTime();
        return Uni.createFrom().completionStage(coordinator::reachability)
                .map(all -> {
                    HealthCheckResponseBuilder b = HealthCheckResponse.named(NAME);
                    boolean any = false;
                    for (Map.Entry<URI, String> e : all.entrySet()) {
                        any |= e.getValue() == null;
                        b.withData(e.getKey().toString(), e.getValue() == null ? "UP" : e.getValue());
                    }
                    if (all.isEmpty()) {
                        b.withData("error", "no coordinator to start LRAs on (the service discovery found none)");
                    }
                    return b.status(any).withData("millis", (System.nanoTime() - started) / 1_000_000).build();
                })
                .onFailure().recoverWithItem(t -> HealthCheckResponse.named(NAME).down()
                        .withData("error", String.valueOf(t.getMessage())).build());
    }
}
