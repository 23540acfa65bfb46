package org.lraext.quarkus.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.invoke.Invoker;

import org.jboss.logging.Logger;
import org.lraext.lra.protocol.CallbackKind;
import org.lraext.quarkus.runtime.internal.LraRecorder;
import org.lraext.quarkus.runtime.internal.PlainCallback;
import org.lraext.quarkus.runtime.internal.PlainCallbacks;

import io.quarkus.arc.deployment.InvokerFactoryBuildItem;
import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.BeanContainerBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem;
import io.quarkus.arc.processor.BeanInfo;
import io.quarkus.arc.processor.InvokerInfo;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.recording.RecorderContext;
import io.quarkus.runtime.RuntimeValue;

/**
 * Participant callbacks that are plain bean methods: each is called through an invoker ArC generates at build time,
 * which looks the bean up and calls the method directly — no reflection, nothing of the user's class registered for
 * it in a native image, and a stack trace that reads like a direct call.
 */
class LraParticipantProcessor {

    private static final Logger LOG = Logger.getLogger(LraParticipantProcessor.class);

    @BuildStep
    void invokers(List<LraParticipantBuildItem> participants, ValidationPhaseBuildItem phase,
            InvokerFactoryBuildItem invokers, BuildProducer<LraPlainCallbackBuildItem> callbacks,
            BuildProducer<ValidationPhaseBuildItem.ValidationErrorBuildItem> errors) {
        List<Throwable> problems = new ArrayList<>();
        for (LraParticipantBuildItem p : participants) {
            if (p.callbacks().values().stream().noneMatch(LraParticipantBuildItem.Callback::plain)) {
                continue;
            }
            Optional<BeanInfo> bean = phase.getContext().beans().classBeans().withBeanClass(p.participant().name())
                    .firstResult();
            if (bean.isEmpty()) {
                String message = p.participant().name() + " has participant methods that are not JAX-RS methods, but"
                        + " it is not a CDI bean, so they cannot be called; give the class a bean-defining annotation"
                        + " such as @ApplicationScoped";
                if (p.resource()) {
                    problems.add(new DeploymentException("[LRA] " + message));
                } else {
                    // a class only LraClient.join would use (perhaps a library's, or one left out of this build):
                    // joining it fails with this message; nothing else needs it
                    LOG.warnf("[LRA] %s; LraClient.join refuses it until then", message);
                }
                continue;
            }
            for (Map.Entry<CallbackKind, LraParticipantBuildItem.Callback> e : p.callbacks().entrySet()) {
                if (e.getValue().plain()) {
                    callbacks.produce(new LraPlainCallbackBuildItem(p.participant(), e.getKey(), e.getValue().method(),
                            invokers.createInvoker(bean.get(), e.getValue().method()).withInstanceLookup().build()));
                }
            }
        }
        if (!problems.isEmpty()) {
            errors.produce(new ValidationPhaseBuildItem.ValidationErrorBuildItem(problems));
        }
    }

    /** Beans with plain callbacks are used by the coordinator's calls, which ArC cannot see: they stay. */
    @BuildStep
    UnremovableBeanBuildItem keepPlainParticipants(List<LraParticipantBuildItem> participants) {
        List<String> names = participants.stream()
                .filter(p -> p.callbacks().values().stream().anyMatch(LraParticipantBuildItem.Callback::plain))
                .map(p -> p.participant().name().toString()).toList();
        return UnremovableBeanBuildItem.beanClassNames(names.toArray(String[]::new));
    }

    @BuildStep
    AdditionalBeanBuildItem plainCallbacksBean() {
        return AdditionalBeanBuildItem.unremovableOf(PlainCallbacks.class);
    }

    /** The invokers exist once ArC has generated its classes: they are handed to the bean then. */
    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    @SuppressWarnings("unchecked")
    void plainCallbacks(List<LraPlainCallbackBuildItem> callbacks, BeanContainerBuildItem container,
            LraRecorder recorder, RecorderContext context) {
        List<PlainCallback> recorded = new ArrayList<>();
        callbacks.stream()
                .sorted((a, b) -> (a.participant().name() + "|" + a.kind()).compareTo(b.participant().name() + "|"
                        + b.kind()))
                .forEach(c -> recorded.add(new PlainCallback(c.participant().name().toString(), c.kind().rel(),
                        (RuntimeValue<Invoker<Object, Object>>) (Object) context.newInstance(className(c.invoker())),
                        c.method().parametersCount(), JaxRsModel.name(c.participant(), c.method()))));
        recorder.plainCallbacks(container.getValue(), recorded);
    }

    /** The generated invoker's binary class name. */
    private static String className(InvokerInfo invoker) {
        String descriptor = invoker.getClassDesc().descriptorString();
        return descriptor.substring(1, descriptor.length() - 1).replace('/', '.');
    }
}
