package org.lraext.sample.trip;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.lraext.quarkus.runtime.LraConfigKeys;
import org.lraext.test.JavaService;
import org.lraext.test.KafkaBroker;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Runs the rest of the saga for the trip service's tests: the project's coordinator and the flight and hotel
 * services, each as its own JVM on a free loopback port, built earlier in the same Maven run; when the payment
 * service's jar is named, a Kafka broker (a process of its own) and the payment service too.
 */
public class SagaServices implements QuarkusTestResourceLifecycleManager {

    static final String PAYMENT_JAR = "sample.payment.jar";
    /** The option that makes the payment service slow for one card, which the crash test needs. */
    static final String SLOW_CARD = "-Dsample.payment.slow-card=";

    private final List<JavaService> services = new ArrayList<>();
    private KafkaBroker broker;
    private JavaService payment;

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
        Map<String, String> config = new HashMap<>(Map.of(LraConfigKeys.COORDINATOR_URL, coordinatorUrl,
                "quarkus.rest-client.flight.url", flight.url(),
                "quarkus.rest-client.hotel.url", hotel.url()));
        if (System.getProperty(PAYMENT_JAR) != null) {
            // the paid trips' Kafka step: a broker of its own, and the payment service on a database that survives it
            broker = KafkaBroker.start(logs.resolve("kafka"));
            payment = launch(new JavaService("payment", JavaService.jar(PAYMENT_JAR), JavaService.freePort(),
                    "/payments", List.of("-D" + LraConfigKeys.COORDINATOR_URL + "=" + coordinatorUrl,
                            "-Dkafka.bootstrap.servers=" + broker.bootstrapServers(),
                            "-Dquarkus.datasource.jdbc.url=jdbc:h2:file:" + logs.toAbsolutePath().resolve("payments-db")
                                    .resolve("payments"),
                            "-Dquarkus.hibernate-orm.schema-management.strategy=drop-and-create",
                            SLOW_CARD + PaidTripSagaTest.SLOW_CARD),
                    logs));
            config.put("kafka.bootstrap.servers", broker.bootstrapServers());
            config.put("sample.payment.url", payment.url());
        }
        return config;
    }

    /** Hands the payment service to the test that crashes it. */
    @Override
    public void inject(TestInjector injector) {
        if (payment != null) {
            injector.injectIntoFields(payment, new TestInjector.MatchesType(JavaService.class));
        }
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
        if (broker != null) {
            broker.stop();
        }
    }
}
