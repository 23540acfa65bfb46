package org.lraext.quarkus.deployment;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.lraext.lra.protocol.CallbackKind;
import org.lraext.quarkus.runtime.internal.EndpointDescriptor;
import org.lraext.quarkus.runtime.internal.LraParticipantProxy;
import org.lraext.quarkus.runtime.internal.LraProducers;
import org.lraext.quarkus.runtime.internal.LraRecorder;
import org.lraext.quarkus.runtime.internal.LraRegistry;
import org.lraext.quarkus.runtime.internal.LraServerFilter;
import org.lraext.quarkus.runtime.internal.NonJaxRsCallbacks;
import org.lraext.quarkus.runtime.observability.CoordinatorReadinessCheck;
import org.lraext.quarkus.runtime.observability.MicrometerLraMetrics;
import org.lraext.quarkus.runtime.observability.OpenTelemetryLraTracing;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.AdditionalIndexedClassesBuildItem;
import io.quarkus.deployment.builditem.BytecodeTransformerBuildItem;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.smallrye.health.deployment.spi.HealthBuildItem;
import io.quarkus.smallrye.openapi.deployment.spi.AddToOpenAPIDefinitionBuildItem;

class LraProcessor {

    private static final Logger LOG = Logger.getLogger(LraProcessor.class);
    static final String FEATURE = "lra";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AdditionalIndexedClassesBuildItem indexFilters() {
        // the filter methods carry @ServerRequestFilter / @ServerResponseFilter, which Quarkus REST reads from the index
        // ...and the proxy that serves participant callbacks which are plain CDI methods
        return new AdditionalIndexedClassesBuildItem(LraServerFilter.class.getName(), LraParticipantProxy.class.getName());
    }

    @BuildStep
    AdditionalBeanBuildItem beans() {
        return AdditionalBeanBuildItem.builder().addBeanClasses(LraProducers.class, LraServerFilter.class,
                LraParticipantProxy.class).setUnremovable().build();
    }

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

    /**
     * Native image: the plain-method participant callbacks are resolved by name at start-up (then called through method
     * handles), so their classes, methods and parameter types are registered for reflection.
     */
    @BuildStep
    void nativeReflection(LraMetadataBuildItem metadata, BuildProducer<ReflectiveClassBuildItem> reflective) {
        java.util.Set<String> classes = new java.util.TreeSet<>();
        java.util.Set<String> types = new java.util.TreeSet<>();
        for (String target : metadata.nonJaxRsCallbacks().values()) {
            classes.add(target.substring(0, target.indexOf('#')));
            String params = target.substring(target.indexOf('(') + 1, target.length() - 1);
            if (!params.isEmpty()) {
                types.addAll(List.of(params.split(",")));
            }
        }
        if (!classes.isEmpty()) {
            reflective.produce(ReflectiveClassBuildItem.builder(classes.toArray(String[]::new)).methods().build());
        }
        if (!types.isEmpty()) {
            reflective.produce(ReflectiveClassBuildItem.builder(types.toArray(String[]::new)).build());
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

    @BuildStep
    void propagateOnClients(BuildProducer<BytecodeTransformerBuildItem> transformers) {
        if (QuarkusClassLoader.isClassPresentAtRuntime(JaxRsClientPropagation.CLIENT_BUILDER)) {
            transformers.produce(new BytecodeTransformerBuildItem(JaxRsClientPropagation.CLIENT_BUILDER,
                    new JaxRsClientPropagation()));
        }
    }

    @BuildStep
    LraMetadataBuildItem discover(CombinedIndexBuildItem index) {
        LraMetadataBuildItem metadata = new LraDiscovery(index.getIndex()).discover();
        // the proxy's methods are callbacks: the filters treat them as such
        for (java.lang.reflect.Method m : LraParticipantProxy.class.getDeclaredMethods()) {
            if (!java.lang.reflect.Modifier.isPublic(m.getModifiers())) {
                continue;
            }
            EndpointDescriptor d = new EndpointDescriptor();
            d.setName(LraParticipantProxy.class.getName() + "#" + m.getName());
            d.setProxy(true);
            d.setCallback(CallbackKind.valueOf(m.getName().toUpperCase(java.util.Locale.ROOT)).rel());
            String[] params = java.util.Arrays.stream(m.getParameterTypes()).map(Class::getName).toArray(String[]::new);
            metadata.endpoints().put(org.jboss.resteasy.reactive.server.util.MethodId.get(m.getName(),
                    LraParticipantProxy.class.getName(), params), d);
        }
        LOG.debugf("LRA endpoints: %s", metadata.endpoints().keySet());
        return metadata;
    }

    @BuildStep
    void validate(LraMetadataBuildItem metadata, ValidationPhaseBuildItem phase,
            BuildProducer<ValidationPhaseBuildItem.ValidationErrorBuildItem> errors) {
        if (metadata.problems().isEmpty()) {
            return;
        }
        List<Throwable> list = new ArrayList<>();
        for (String problem : metadata.problems()) {
            list.add(new DeploymentException("[LRA] " + problem));
        }
        errors.produce(new ValidationPhaseBuildItem.ValidationErrorBuildItem(list));
    }

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    void registry(LraMetadataBuildItem metadata, LraRecorder recorder, BuildProducer<SyntheticBeanBuildItem> beans) {
        beans.produce(SyntheticBeanBuildItem.configure(LraRegistry.class)
                .scope(Singleton.class)
                .unremovable()
                .supplier(recorder.registry(metadata.endpoints()))
                .done());
        beans.produce(SyntheticBeanBuildItem.configure(NonJaxRsCallbacks.class)
                .scope(Singleton.class)
                .unremovable()
                .supplier(recorder.nonJaxRsCallbacks(metadata.nonJaxRsCallbacks()))
                .done());
    }
}
