package org.lraext.quarkus.deployment;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.time.temporal.UnsupportedTemporalTypeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;
import org.lraext.lra.protocol.CallbackKind;
import org.lraext.lra.protocol.EndpointPolicy;
import org.lraext.quarkus.runtime.internal.Endpoint;

/**
 * Finds the LRA endpoints and participants of an application in its Jandex index: for each JAX-RS resource class,
 * its participant callbacks ({@link ParticipantRules}) and each resource method {@code @LRA}, a callback or
 * {@code @Leave} concerns; then the other classes with participant callbacks, all plain bean methods (joined to LRAs
 * through the programmatic API). Problems are collected, each naming the class, the method and the fix.
 */
final class LraDiscovery {

    /** What the index holds. */
    record Found(List<LraEndpointBuildItem> endpoints, List<LraParticipantBuildItem> participants,
            List<String> problems) {
    }

    private final JaxRsModel jaxRs;
    private final List<LraEndpointBuildItem> endpoints = new ArrayList<>();
    private final List<LraParticipantBuildItem> participants = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final ParticipantRules rules = new ParticipantRules(problems);

    LraDiscovery(IndexView index) {
        this.jaxRs = new JaxRsModel(index);
    }

    Found discover() {
        Set<ClassInfo> resources = jaxRs.resourceClasses();
        for (ClassInfo resource : resources) {
            scan(resource);
        }
        for (ClassInfo bean : jaxRs.plainParticipantClasses(resources)) {
            Map<CallbackKind, LraParticipantBuildItem.Callback> callbacks = rules.callbacks(bean,
                    JaxRsModel.methodChains(jaxRs.hierarchy(bean)), null);
            if (callbacks != null) {
                participants.add(new LraParticipantBuildItem(bean, callbacks, false));
            }
        }
        return new Found(endpoints, participants, List.copyOf(new LinkedHashSet<>(problems)));
    }

    private void scan(ClassInfo resource) {
        List<ClassInfo> hierarchy = jaxRs.hierarchy(resource);
        Map<String, List<MethodInfo>> methods = JaxRsModel.methodChains(hierarchy);
        Map<CallbackKind, LraParticipantBuildItem.Callback> callbacks = rules.callbacks(resource, methods,
                JaxRsModel.classPath(hierarchy));
        if (callbacks != null) {
            participants.add(new LraParticipantBuildItem(resource, callbacks, true));
        }
        AnnotationInstance classLra = JaxRsModel.classAnnotation(hierarchy, LraDotNames.LRA);
        for (List<MethodInfo> chain : methods.values()) {
            MethodInfo jaxrs = JaxRsModel.first(chain, m -> JaxRsModel.httpMethod(m) != null);
            if (jaxrs != null) {
                endpoint(resource, chain, jaxrs, classLra);
            }
        }
    }

    private void endpoint(ClassInfo resource, List<MethodInfo> chain, MethodInfo jaxrs, AnnotationInstance classLra) {
        MethodInfo withLra = JaxRsModel.first(chain, m -> m.hasDeclaredAnnotation(LraDotNames.LRA));
        CallbackKind callback = ParticipantRules.callbackOf(chain);
        boolean leave = callback == CallbackKind.LEAVE;
        if (callback != null && !leave && withLra != null) {
            problems.add("@LRA is not allowed on the participant callback " + JaxRsModel.name(resource, withLra) + ": "
                    + callback.annotationSimpleName() + " methods are called by the coordinator within the LRA;"
                    + " remove @LRA from it");
            return;
        }
        AnnotationInstance lra = withLra != null ? withLra.declaredAnnotation(LraDotNames.LRA)
                : callback == null || leave ? classLra : null;
        Endpoint.Role role = leave ? Endpoint.Role.LEAVE : callback != null ? Endpoint.Role.CALLBACK
                : lra != null ? Endpoint.Role.IN_LRA : null;
        if (role != null) {
            endpoints.add(new LraEndpointBuildItem(resource, jaxrs, JaxRsModel.methodId(resource, jaxrs), role,
                    lra == null ? null : policy(lra, resource, jaxrs), role == Endpoint.Role.CALLBACK ? callback : null));
        }
    }

    /** The settings of an {@code @LRA}, with the specification's defaults; a bad time limit is a problem. */
    private EndpointPolicy policy(AnnotationInstance lra, ClassInfo resource, MethodInfo method) {
        return policy(lra, resource, method, problems);
    }

    /** The settings of an {@code @LRA}, with the specification's defaults; a bad time limit is added to problems. */
    static EndpointPolicy policy(AnnotationInstance lra, ClassInfo resource, MethodInfo method, List<String> problems) {
        AnnotationValue type = lra.value();
        AnnotationValue end = lra.value("end");
        AnnotationValue cancelOn = lra.value("cancelOn");
        int[] codes = new int[0];
        if (cancelOn != null) {
            codes = Arrays.stream(cancelOn.asEnumArray()).mapToInt(n -> Response.Status.valueOf(n).getStatusCode())
                    .toArray();
        }
        AnnotationValue families = lra.value("cancelOnFamily");
        Set<Response.Status.Family> cancelFamilies = families == null ? EndpointPolicy.DEFAULT_CANCEL_FAMILIES
                : Arrays.stream(families.asEnumArray()).map(Response.Status.Family::valueOf).collect(Collectors.toSet());
        return new EndpointPolicy(type == null ? LRA.Type.REQUIRED : LRA.Type.valueOf(type.asEnum()),
                end == null || end.asBoolean(), codes, cancelFamilies, timeLimitMillis(lra, resource, method, problems));
    }

    private static long timeLimitMillis(AnnotationInstance lra, ClassInfo resource, MethodInfo method,
            List<String> problems) {
        AnnotationValue limit = lra.value("timeLimit");
        AnnotationValue unit = lra.value("timeUnit");
        long amount = limit == null ? 0 : limit.asLong();
        if (amount < 0) {
            problems.add("@LRA(timeLimit) of " + JaxRsModel.name(resource, method) + " is negative (" + amount
                    + "); use 0 for no limit or a positive amount");
            return 0;
        }
        ChronoUnit u = unit == null ? ChronoUnit.SECONDS : ChronoUnit.valueOf(unit.asEnum());
        try {
            return amount == 0 ? 0 : Duration.of(amount, u).toMillis();
        } catch (ArithmeticException | UnsupportedTemporalTypeException e) {
            problems.add("@LRA(timeLimit = " + amount + ", timeUnit = " + u + ") of " + JaxRsModel.name(resource, method)
                    + " is not a usable duration; use a unit from NANOS to DAYS");
            return 0;
        }
    }
}
