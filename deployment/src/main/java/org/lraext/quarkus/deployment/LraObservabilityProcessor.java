package org.lraext.quarkus.deployment;

import org.lraext.quarkus.runtime.observability.CoordinatorReadinessCheck;
import org.lraext.quarkus.runtime.observability.MicrometerLraMetrics;
import org.lraext.quarkus.runtime.observability.OpenTelemetryLraTracing;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.smallrye.health.deployment.spi.HealthBuildItem;
import io.quarkus.smallrye.openapi.deployment.spi.AddToOpenAPIDefinitionBuildItem;

/**
 * What the extension adds to the application's health, metrics, tracing and OpenAPI document, each only when the
 * application has the extension for it.
 */
class LraObservabilityProcessor {

    @BuildStep
    HealthBuildItem readiness(LraBuildTimeConfig config) {
        // consumed only when quarkus-smallrye-health is present
        return new HealthBuildItem(CoordinatorReadinessCheck.class.getName(), config.health().enabled());
    }

    @BuildStep
    void metrics(Capabilities capabilities, LraBuildTimeConfig config, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (config.metrics().enabled() && capabilities.isPresent(Capability.METRICS)
                && QuarkusClassLoader.isClassPresentAtRuntime("io.micrometer.core.instrument.MeterRegistry")) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(MicrometerLraMetrics.class));
        }
    }

    @BuildStep
    void tracing(Capabilities capabilities, LraBuildTimeConfig config, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (config.tracing().enabled() && capabilities.isPresent(Capability.OPENTELEMETRY_TRACER)) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(OpenTelemetryLraTracing.class));
        }
    }

    @BuildStep
    void openApi(LraBuildTimeConfig config, BuildProducer<AddToOpenAPIDefinitionBuildItem> filters) {
        // consumed only when quarkus-smallrye-openapi is present
        if (!config.openapi().showExtensionEndpoints()) {
            filters.produce(new AddToOpenAPIDefinitionBuildItem(new HideExtensionEndpoints()));
        }
    }
}
