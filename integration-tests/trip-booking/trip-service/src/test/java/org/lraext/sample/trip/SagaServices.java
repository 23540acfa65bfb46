package org.lraext.sample.trip;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.lraext.quarkus.runtime.LraConfigKeys;
import org.lraext.test.JavaService;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Runs the rest of the saga for the trip service's tests: the project's coordinator and the flight and hotel
 * services, each as its own JVM on a free loopback port, built earlier in the same Maven run.
 */
public class SagaServices implements QuarkusTestResourceLifecycleManager {

    private final List<JavaService> services = new ArrayList<>();

    @Override
    public Map<String, String> start() {
        Path logs = Path.of("target", "saga-logs");
        JavaService coordinator = launch(new JavaService("coordinator", JavaService.jar("sample.coordinator.jar"),
                JavaService.freePort(), "/lra-coordinator", List.of(
                        "-Dquarkus.transaction-manager.object-store.directory=" + logs.toAbsolutePath()
                                .resolve("object-store"),
                        "-Dlra.coordinator.parent-pid=" + ProcessHandle.current().pid()),
                logs));
        String coordinatorUrl = coordinator.url() + "/lra-coordinator";
        JavaService hotel = launch(new JavaService("hotel", JavaService.jar("sample.hotel.jar"), JavaService.freePort(),
                "/hotels", List.of("-D" + LraConfigKeys.COORDINATOR_URL + "=" + coordinatorUrl), logs));
        JavaService flight = launch(new JavaService("flight", JavaService.jar("sample.flight.jar"),
                JavaService.freePort(), "/flights", List.of("-D" + LraConfigKeys.COORDINATOR_URL + "=" + coordinatorUrl,
                        "-Dquarkus.rest-client.hotel.url=" + hotel.url()),
                logs));
        return Map.of(LraConfigKeys.COORDINATOR_URL, coordinatorUrl,
                "quarkus.rest-client.flight.url", flight.url(),
                "quarkus.rest-client.hotel.url", hotel.url());
    }

    private JavaService launch(JavaService service) {
        services.add(service);
        return service.start();
    }

    @Override
    public void stop() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).stop();
        }
        services.clear();
    }
}
