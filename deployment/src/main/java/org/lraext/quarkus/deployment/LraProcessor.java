package org.lraext.quarkus.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.inject.Singleton;

import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.MethodInfo;
import org.jboss.logging.Logger;
import org.lraext.lra.protocol.CallbackKind;
import org.lraext.lra.protocol.EndpointPolicy;
import org.lraext.quarkus.runtime.internal.Endpoint;
import org.lraext.quarkus.runtime.internal.EndpointDescriptor;
import org.lraext.quarkus.runtime.internal.JournalHandler;
import org.lraext.quarkus.runtime.internal.LraParticipantProxy;
import org.lraext.quarkus.runtime.internal.LraProducers;
import org.lraext.quarkus.runtime.internal.LraRecorder;
import org.lraext.quarkus.runtime.internal.LraRegistry;
import org.lraext.quarkus.runtime.internal.LraServerFilter;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.AdditionalIndexedClassesBuildItem;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.vertx.http.deployment.NonApplicationRootPathBuildItem;
import io.quarkus.vertx.http.deployment.RouteBuildItem;

/**
 * The core build steps: the extension's beans, discovery of the application's LRA endpoints and participants into
 * typed build items, one validation error listing every problem, and the endpoint registry the filters read.
 * Plain-method participants, observability, propagation on clients, Dev Services and the Dev UI have processors of
 * their own.
 */
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
    void discover(CombinedIndexBuildItem index, BuildProducer<LraEndpointBuildItem> endpoints,
            BuildProducer<LraParticipantBuildItem> participants, BuildProducer<LraProblemBuildItem> problems) {
        LraDiscovery.Found found = new LraDiscovery(index.getIndex()).discover();
        endpoints.produce(found.endpoints());
        participants.produce(found.participants());
        found.problems().forEach(p -> problems.produce(new LraProblemBuildItem(p)));
    }

    @BuildStep
    void validate(List<LraProblemBuildItem> problems, ValidationPhaseBuildItem phase,
            BuildProducer<ValidationPhaseBuildItem.ValidationErrorBuildItem> errors) {
        if (problems.isEmpty()) {
            return;
        }
        List<Throwable> list = new ArrayList<>();
        for (LraProblemBuildItem problem : problems) {
            list.add(new DeploymentException("[LRA] " + problem.message()));
        }
        errors.produce(new ValidationPhaseBuildItem.ValidationErrorBuildItem(list));
    }

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    SyntheticBeanBuildItem registry(List<LraEndpointBuildItem> endpoints, List<LraParticipantBuildItem> participants,
            CombinedIndexBuildItem index, LraRecorder recorder) {
        Map<DotName, LraParticipantBuildItem> byClass = new TreeMap<>();
        participants.forEach(p -> byClass.put(p.participant().name(), p));
        SortedMap<String, EndpointDescriptor> descriptors = new TreeMap<>();
        for (LraEndpointBuildItem e : endpoints) {
            LraParticipantBuildItem participant = e.role() == Endpoint.Role.CALLBACK ? null
                    : byClass.get(e.endpoint().name());
            descriptors.put(e.methodId(), descriptor(e.endpoint(), e.method(), e.role(), e.policy(), e.callback(),
                    participant));
        }
        // the proxy's endpoints read the LRA headers themselves: the filters leave them alone
        ClassInfo proxy = index.getIndex().getClassByName(LraParticipantProxy.class);
        for (MethodInfo m : proxy.methods()) {
            if (JaxRsModel.httpMethod(m) != null) {
                descriptors.put(JaxRsModel.methodId(proxy, m), descriptor(proxy, m, Endpoint.Role.OWN, null, null, null));
            }
        }
        // every participant class by name, for joins through the programmatic API
        SortedMap<String, Map<String, String>> participantPaths = new TreeMap<>();
        byClass.forEach((name, p) -> participantPaths.put(name.toString(), paths(p)));
        LOG.debugf("LRA endpoints: %s; participants: %s", descriptors.keySet(), participantPaths.keySet());
        return SyntheticBeanBuildItem.configure(LraRegistry.class)
                .scope(Singleton.class)
                .unremovable()
                .supplier(recorder.registry(descriptors, participantPaths))
                .done();
    }

    private static EndpointDescriptor descriptor(ClassInfo endpoint, MethodInfo method, Endpoint.Role role,
            EndpointPolicy policy, CallbackKind callback, LraParticipantBuildItem participant) {
        EndpointDescriptor d = new EndpointDescriptor();
        d.setName(endpoint.name() + "#" + method.name());
        d.setClassName(endpoint.name().toString());
        d.setRole(role.name());
        if (callback != null) {
            d.setCallback(callback.rel());
        }
        if (policy != null) {
            d.setLraType(policy.type().name());
            d.setEnd(policy.end());
            d.setCancelOn(policy.cancelOn());
            d.setCancelOnFamily(policy.cancelOnFamily().stream().map(Enum::name).sorted().toArray(String[]::new));
            d.setTimeLimitMillis(policy.timeLimitMillis());
        }
        d.setEnlisting(participant != null);
        return d;
    }

    /** A participant's callback paths by rel: its JAX-RS paths, the proxy's for plain methods. */
    private static Map<String, String> paths(LraParticipantBuildItem participant) {
        Map<String, String> paths = new TreeMap<>();
        participant.callbacks().forEach((kind, c) -> paths.put(kind.rel(), c.plain()
                ? LraParticipantProxy.PATH + "/" + participant.participant().name() + "/" + kind.rel()
                : c.path()));
        return paths;
    }

    /** {@code /q/lra/journal}: what the application did for each LRA, for tests of packaged applications. */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    RouteBuildItem journalRoute(NonApplicationRootPathBuildItem paths, LraRecorder recorder) {
        return paths.routeBuilder().route(JournalHandler.PATH).handler(recorder.journalHandler()).build();
    }
}
