package org.lraext.quarkus.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.AnnotationTransformation;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;
import org.lraext.lra.protocol.EndpointPolicy;
import org.lraext.quarkus.runtime.internal.Endpoint;
import org.lraext.quarkus.runtime.internal.IncomingLraInterceptor;
import org.lraext.quarkus.runtime.internal.KafkaIncomingDecorator;
import org.lraext.quarkus.runtime.internal.KafkaOutgoingDecorator;
import org.lraext.quarkus.runtime.internal.LraIncoming;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.AnnotationsTransformerBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;

/**
 * LRAs over messaging, active only when the application has Quarkus Messaging: {@code @Incoming} methods with
 * {@code @LRA} (on the method or its class) are validated and bound to the interceptor that runs them in their
 * record's LRA; with the Kafka connector, records carry the LRA in their headers both ways.
 */
class LraMessagingProcessor {

    static final DotName INCOMING = DotName.createSimple("org.eclipse.microprofile.reactive.messaging.Incoming");
    static final DotName INCOMINGS = DotName.createSimple("io.smallrye.reactive.messaging.annotations.Incomings");
    static final DotName OUTGOING = DotName.createSimple("org.eclipse.microprofile.reactive.messaging.Outgoing");
    static final DotName ACKNOWLEDGMENT = DotName
            .createSimple("org.eclipse.microprofile.reactive.messaging.Acknowledgment");
    static final DotName NON_BLOCKING = DotName.createSimple("io.smallrye.common.annotation.NonBlocking");
    static final DotName UNI = DotName.createSimple("io.smallrye.mutiny.Uni");
    static final Set<DotName> STAGES = Set.of(DotName.createSimple("java.util.concurrent.CompletionStage"),
            DotName.createSimple("java.util.concurrent.CompletableFuture"));
    /** Parameters that make the method consume messages or streams, whose acknowledgment it would own. */
    static final Set<String> MESSAGE_PARAMETERS = Set.of("org.eclipse.microprofile.reactive.messaging.Message",
            "io.smallrye.reactive.messaging.kafka.KafkaRecord", "io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord",
            "io.smallrye.reactive.messaging.kafka.KafkaRecordBatch", "org.apache.kafka.clients.consumer.ConsumerRecord",
            "org.apache.kafka.clients.consumer.ConsumerRecords", "io.smallrye.mutiny.Multi",
            "org.reactivestreams.Publisher", "java.util.concurrent.Flow$Publisher",
            "org.eclipse.microprofile.reactive.streams.operators.PublisherBuilder");
    static final String KAFKA_METADATA = "io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata";
    /** The prefix of an {@code @Incoming} method's id in the registry (a JAX-RS method id never has it). */
    static final String ID_PREFIX = "incoming:";

    @BuildStep
    void incoming(Capabilities capabilities, CombinedIndexBuildItem combined, List<LraParticipantBuildItem> participants,
            BuildProducer<LraEndpointBuildItem> endpoints, BuildProducer<LraProblemBuildItem> problems,
            BuildProducer<AnnotationsTransformerBuildItem> transformers, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (!capabilities.isPresent(Capability.MESSAGING)) {
            return;
        }
        IndexView index = combined.getIndex();
        Set<DotName> participantClasses = participants.stream().map(p -> p.participant().name())
                .collect(Collectors.toSet());
        List<String> found = new ArrayList<>();
        Map<String, String> ids = new LinkedHashMap<>();
        for (MethodInfo method : incomingLraMethods(index)) {
            ClassInfo bean = method.declaringClass();
            AnnotationInstance lra = method.hasDeclaredAnnotation(LraDotNames.LRA)
                    ? method.declaredAnnotation(LraDotNames.LRA)
                    : bean.declaredAnnotation(LraDotNames.LRA);
            List<String> methodProblems = new ArrayList<>();
            EndpointPolicy policy = LraDiscovery.policy(lra, bean, method, methodProblems);
            check(bean, method, policy, participantClasses.contains(bean.name()), methodProblems);
            if (!methodProblems.isEmpty()) {
                found.addAll(methodProblems);
                continue;
            }
            String id = ID_PREFIX + key(method);
            ids.put(key(method), id);
            endpoints.produce(new LraEndpointBuildItem(bean, method, id, Endpoint.Role.IN_LRA, policy, null));
        }
        found.forEach(p -> problems.produce(new LraProblemBuildItem(p)));
        if (ids.isEmpty()) {
            return;
        }
        beans.produce(AdditionalBeanBuildItem.builder().addBeanClasses(IncomingLraInterceptor.class, LraIncoming.class)
                .setUnremovable().build());
        transformers.produce(new AnnotationsTransformerBuildItem(AnnotationTransformation.forMethods()
                .when(ctx -> ids.containsKey(key(ctx.declaration().asMethod())))
                .transform(ctx -> ctx.add(AnnotationInstance.builder(LraIncoming.class)
                        .value(ids.get(key(ctx.declaration().asMethod()))).build()))));
    }

    /** {@code Class#method(parameter types)}: what names a method in every index. */
    private static String key(MethodInfo m) {
        return m.declaringClass().name() + "#" + m.name() + "(" + m.parameterTypes().stream()
                .map(t -> t.name().toString()).collect(Collectors.joining(",")) + ")";
    }

    /** With the Kafka connector: the LRA read off incoming records' headers, and put into outgoing ones'. */
    @BuildStep
    void kafkaHeaders(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (capabilities.isPresent(Capability.MESSAGING) && QuarkusClassLoader.isClassPresentAtRuntime(KAFKA_METADATA)) {
            beans.produce(AdditionalBeanBuildItem.builder().addBeanClasses(KafkaIncomingDecorator.class,
                    KafkaOutgoingDecorator.class).setUnremovable().build());
        }
    }

    /** Every {@code @Incoming} method that {@code @LRA} concerns, on it or on its class. */
    private static List<MethodInfo> incomingLraMethods(IndexView index) {
        Set<MethodInfo> methods = new java.util.LinkedHashSet<>();
        for (AnnotationInstance a : index.getAnnotations(LraDotNames.LRA)) {
            if (a.target().kind() == AnnotationTarget.Kind.METHOD) {
                MethodInfo m = a.target().asMethod();
                if (isIncoming(m)) {
                    methods.add(m);
                }
            } else if (a.target().kind() == AnnotationTarget.Kind.CLASS) {
                for (MethodInfo m : a.target().asClass().methods()) {
                    if (isIncoming(m)) {
                        methods.add(m);
                    }
                }
            }
        }
        return List.copyOf(methods);
    }

    private static boolean isIncoming(MethodInfo m) {
        return m.hasDeclaredAnnotation(INCOMING) || m.hasDeclaredAnnotation(INCOMINGS);
    }

    /** The rules an {@code @Incoming @LRA} method must follow; each broken one names the method and the fix. */
    static void check(ClassInfo bean, MethodInfo m, EndpointPolicy policy, boolean participant, List<String> problems) {
        String name = JaxRsModel.name(bean, m);
        String prefix = "@Incoming @LRA method " + name + " ";
        if (m.hasDeclaredAnnotation(OUTGOING)) {
            problems.add(prefix + "is also @Outgoing, and a processor's LRA work cannot be tied to its record's"
                    + " acknowledgment; keep @Incoming @LRA on a method that consumes, and send what follows with an"
                    + " Emitter from it (its records carry the LRA)");
        }
        for (Type p : m.parameterTypes()) {
            if (MESSAGE_PARAMETERS.contains(p.name().toString())) {
                problems.add(prefix + "takes a " + p.name().withoutPackagePrefix() + ", but the extension acknowledges"
                        + " the record once the LRA work is done, so it must own the acknowledgment; take the payload"
                        + " instead (and, for the record's metadata, a further IncomingKafkaRecordMetadata parameter)");
            }
        }
        Type result = m.returnType();
        boolean reactive = result.kind() == Type.Kind.PARAMETERIZED_TYPE
                && (result.name().equals(UNI) || STAGES.contains(result.name()));
        if (!reactive && result.kind() != Type.Kind.VOID) {
            problems.add(prefix + "returns " + result + "; it must return void, Uni<Void> or CompletionStage<Void>"
                    + " (the record is acknowledged once the method and the LRA work are done)");
        }
        AnnotationInstance ack = m.declaredAnnotation(ACKNOWLEDGMENT);
        if (ack != null && ack.value() != null && !"POST_PROCESSING".equals(ack.value().asEnum())) {
            problems.add(prefix + "is @Acknowledgment(" + ack.value().asEnum() + "), but its record must be"
                    + " acknowledged only after the LRA work succeeded; remove @Acknowledgment or use POST_PROCESSING");
        }
        if (result.kind() == Type.Kind.VOID
                && (m.hasDeclaredAnnotation(NON_BLOCKING) || bean.hasDeclaredAnnotation(NON_BLOCKING))) {
            problems.add(prefix + "returns void and is @NonBlocking, so it would run on an event loop, where it cannot"
                    + " wait for the coordinator; return Uni<Void>, or remove @NonBlocking");
        }
        LRA.Type type = policy.type();
        if (!participant && type != LRA.Type.NOT_SUPPORTED && type != LRA.Type.NEVER) {
            problems.add(prefix + "runs in an LRA (" + type + "), but " + bean.name() + " has no @Compensate or"
                    + " @AfterLRA method, so nothing would undo its work when the LRA is cancelled; add a public method"
                    + " annotated @Compensate (taking the LRA id as a URI) to " + bean.name().withoutPackagePrefix());
        }
    }
}
