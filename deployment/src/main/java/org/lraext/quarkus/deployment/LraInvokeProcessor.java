package org.lraext.quarkus.deployment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;
import org.jboss.resteasy.reactive.server.model.HandlerChainCustomizer;
import org.jboss.resteasy.reactive.server.processor.scanning.MethodScanner;
import org.lraext.lra.protocol.LraHeaders;
import org.lraext.quarkus.runtime.internal.Endpoint;
import org.lraext.quarkus.runtime.internal.LraInvokeStep;
import org.lraext.quarkus.runtime.internal.ParameterValidation;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.hibernate.validator.spi.BeanValidationAnnotationsBuildItem;
import io.quarkus.resteasy.reactive.server.spi.MethodScannerBuildItem;

/**
 * The step each {@code @LRA} / {@code @Leave} method gets in its Quarkus REST handler chain, right before the method
 * is invoked ({@link LraInvokeStep}): the coordinator work of its LRA waits until its parameters are resolved, so a
 * request refused earlier (a body that does not parse, invalid fields) costs the coordinator nothing. What it needs
 * is known here: which parameters read an LRA header (they get the LRA the request now runs in) and whether the
 * parameters carry Bean Validation constraints (checked before the LRA begins).
 */
class LraInvokeProcessor {

    static final DotName HEADER_PARAM = DotName.createSimple("jakarta.ws.rs.HeaderParam");
    static final DotName REST_HEADER = DotName.createSimple("org.jboss.resteasy.reactive.RestHeader");
    static final DotName STRING = DotName.createSimple(String.class);

    /** The headers the step sets for the method, by their lower-case name. */
    private static final Map<String, String> LRA_HEADERS = Map.of(
            LraHeaders.CONTEXT.toLowerCase(Locale.ROOT), LraHeaders.CONTEXT,
            LraHeaders.PARENT.toLowerCase(Locale.ROOT), LraHeaders.PARENT,
            LraHeaders.RECOVERY.toLowerCase(Locale.ROOT), LraHeaders.RECOVERY);

    /** With Hibernate Validator: the check of the parameters before an LRA begins (a bean only then). */
    @BuildStep
    void parameterValidation(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (capabilities.isPresent(Capability.HIBERNATE_VALIDATOR)) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(ParameterValidation.class));
        }
    }

    @BuildStep
    MethodScannerBuildItem invokeSteps(List<LraEndpointBuildItem> endpoints, Capabilities capabilities,
            Optional<BeanValidationAnnotationsBuildItem> validation, BuildProducer<LraProblemBuildItem> problems) {
        Set<DotName> constraints = capabilities.isPresent(Capability.HIBERNATE_VALIDATOR) && validation.isPresent()
                ? validation.get().getAllAnnotations()
                : Set.of();
        Map<String, LraInvokeStep> steps = new HashMap<>();
        for (LraEndpointBuildItem e : endpoints) {
            if (e.role() != Endpoint.Role.IN_LRA && e.role() != Endpoint.Role.LEAVE
                    || e.methodId().startsWith(LraMessagingProcessor.ID_PREFIX)) {
                continue; // (a Kafka consumer has no handler chain)
            }
            steps.put(e.methodId(), step(e.endpoint(), e.method(), constraints, problems));
        }
        return new MethodScannerBuildItem(new MethodScanner() {
            @Override
            public List<HandlerChainCustomizer> scan(MethodInfo method, ClassInfo actualEndpointClass,
                    Map<String, Object> methodContext) {
                LraInvokeStep step = steps.get(JaxRsModel.methodId(actualEndpointClass, method));
                return step == null ? List.of() : List.of(step);
            }
        });
    }

    private static LraInvokeStep step(ClassInfo endpoint, MethodInfo method, Set<DotName> constraints,
            BuildProducer<LraProblemBuildItem> problems) {
        List<Integer> indexes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Boolean> uris = new ArrayList<>();
        boolean validated = false;
        for (AnnotationInstance a : method.annotations()) {
            if (a.target() == null || a.target().kind() != AnnotationTarget.Kind.METHOD_PARAMETER) {
                if (a.target() != null && a.target().kind() == AnnotationTarget.Kind.METHOD
                        && constraints.contains(a.name())) {
                    validated = true; // a cross-parameter constraint (or one on the result, which costs nothing)
                }
                continue;
            }
            if (constraints.contains(a.name())) {
                validated = true;
            }
            if ((a.name().equals(HEADER_PARAM) || a.name().equals(REST_HEADER)) && a.value() != null) {
                String header = LRA_HEADERS.get(a.value().asString().toLowerCase(Locale.ROOT));
                if (header == null) {
                    continue;
                }
                int position = a.target().asMethodParameter().position();
                Type type = method.parameterType(position);
                if (!type.name().equals(STRING) && !type.name().equals(LraDotNames.URI)) {
                    problems.produce(new LraProblemBuildItem(endpoint.name() + "#" + method.name() + ": parameter "
                            + (position + 1) + " reads the header " + header + " as " + type.name()
                            + "; the extension gives an LRA header parameter a value only as java.net.URI or String:"
                            + " declare it as one of those"));
                    continue;
                }
                indexes.add(position);
                names.add(header);
                uris.add(type.name().equals(LraDotNames.URI));
            }
        }
        LraInvokeStep step = new LraInvokeStep();
        step.setHeaderParams(indexes.stream().mapToInt(Integer::intValue).toArray());
        step.setHeaderNames(names.toArray(String[]::new));
        boolean[] uriParams = new boolean[uris.size()];
        for (int i = 0; i < uriParams.length; i++) {
            uriParams[i] = uris.get(i);
        }
        step.setUriParams(uriParams);
        step.setValidated(validated);
        return step;
    }
}
