package org.lraext.quarkus.deployment;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;
import org.lraext.lra.protocol.CallbackKind;
import org.lraext.lra.protocol.ClassNames;

/**
 * The rules for a participant's callbacks (MicroProfile LRA, "participant methods"): at most one of each, a
 * {@code @Compensate} or {@code @AfterLRA} among them, JAX-RS ones with the HTTP method and a fixed path the
 * coordinator calls, plain ones with the signatures the specification allows. Every broken rule is reported with the
 * class, the method and the fix.
 */
final class ParticipantRules {

    /** The HTTP method the coordinator calls each JAX-RS callback with. */
    private static final Map<CallbackKind, String> VERBS = new EnumMap<>(Map.of(
            CallbackKind.COMPENSATE, "PUT", CallbackKind.COMPLETE, "PUT", CallbackKind.AFTER, "PUT",
            CallbackKind.LEAVE, "PUT", CallbackKind.STATUS, "GET", CallbackKind.FORGET, "DELETE"));
    private static final Set<String> JAXRS_RESULTS = Set.of("void", "java.lang.Void", "jakarta.ws.rs.core.Response",
            "org.jboss.resteasy.reactive.RestResponse", "org.eclipse.microprofile.lra.annotation.ParticipantStatus",
            "java.lang.String");
    private static final Set<String> PLAIN_RESULTS = Set.of("void", "java.lang.Void", "jakarta.ws.rs.core.Response",
            "org.eclipse.microprofile.lra.annotation.ParticipantStatus");
    private static final Set<String> ASYNC_TYPES = Set.of("java.util.concurrent.CompletionStage",
            "java.util.concurrent.CompletableFuture", "io.smallrye.mutiny.Uni");

    private final List<String> problems;

    ParticipantRules(List<String> problems) {
        this.problems = problems;
    }

    /** The callback annotation on a chain of declarations, or null. */
    static CallbackKind callbackOf(List<MethodInfo> chain) {
        for (CallbackKind k : CallbackKind.values()) {
            if (JaxRsModel.first(chain, m -> m.hasDeclaredAnnotation(LraDotNames.CALLBACKS.get(k))) != null) {
                return k;
            }
        }
        return null;
    }

    /**
     * The callbacks of a class, or null when it has none or any of them breaks a rule (reported).
     *
     * @param methods the class's method chains ({@link JaxRsModel#methodChains})
     * @param classPath the class's {@code @Path}, or "" for a resource class without one; null for a bean that is no
     *        resource (all its callbacks are plain methods)
     */
    Map<CallbackKind, LraParticipantBuildItem.Callback> callbacks(ClassInfo c, Map<String, List<MethodInfo>> methods,
            String classPath) {
        Map<CallbackKind, List<List<MethodInfo>>> byKind = new EnumMap<>(CallbackKind.class);
        for (List<MethodInfo> chain : methods.values()) {
            for (CallbackKind k : CallbackKind.values()) {
                if (JaxRsModel.first(chain, m -> m.hasDeclaredAnnotation(LraDotNames.CALLBACKS.get(k))) != null) {
                    byKind.computeIfAbsent(k, x -> new ArrayList<>()).add(chain);
                }
            }
        }
        if (byKind.isEmpty()) {
            return null;
        }
        Map<CallbackKind, LraParticipantBuildItem.Callback> callbacks = new EnumMap<>(CallbackKind.class);
        boolean ok = true;
        for (Map.Entry<CallbackKind, List<List<MethodInfo>>> e : byKind.entrySet()) {
            CallbackKind kind = e.getKey();
            if (e.getValue().size() > 1) {
                problems.add(c.name() + " has " + e.getValue().size() + " " + kind.annotationSimpleName()
                        + " methods (" + e.getValue().stream().map(chain -> JaxRsModel.name(c, chain.get(0)))
                                .collect(Collectors.joining(", "))
                        + "); a participant has at most one: keep one and remove the annotation from the others");
                ok = false;
                continue;
            }
            LraParticipantBuildItem.Callback callback = callback(c, kind, e.getValue().get(0), classPath);
            if (callback == null) {
                ok = false;
            } else {
                callbacks.put(kind, callback);
            }
        }
        if (!byKind.containsKey(CallbackKind.COMPENSATE) && !byKind.containsKey(CallbackKind.AFTER)) {
            Set<String> present = byKind.keySet().stream().map(CallbackKind::annotationSimpleName)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            problems.add(c.name() + " has " + String.join(", ", present)
                    + " but no @Compensate method: a participant must have a @Compensate (or an @AfterLRA) method;"
                    + (classPath == null ? " add a public method annotated @Compensate"
                            : " add a public @PUT @Path(\"compensate\") method annotated @Compensate"));
            ok = false;
        }
        return ok ? callbacks : null;
    }

    /** One callback, or null when it breaks a rule (reported). */
    private LraParticipantBuildItem.Callback callback(ClassInfo c, CallbackKind kind, List<MethodInfo> chain,
            String classPath) {
        MethodInfo annotated = JaxRsModel.first(chain, m -> m.hasDeclaredAnnotation(LraDotNames.CALLBACKS.get(kind)));
        MethodInfo jaxrs = JaxRsModel.first(chain, m -> JaxRsModel.httpMethod(m) != null);
        if (jaxrs == null) {
            if (kind == CallbackKind.LEAVE) {
                problems.add("@Leave method " + JaxRsModel.name(c, annotated) + " is not a JAX-RS resource method;"
                        + " annotate it with @PUT and @Path (clients call it to leave the LRA)");
                return null;
            }
            String problem = plainProblem(kind, annotated);
            if (problem != null) {
                problems.add("Non-JAX-RS " + kind.annotationSimpleName() + " method " + JaxRsModel.name(c, annotated)
                        + " " + problem);
                return null;
            }
            // a plain bean method: the coordinator calls the extension's proxy, which calls the method
            return new LraParticipantBuildItem.Callback(annotated, null);
        }
        return jaxRsCallback(c, kind, chain, annotated, jaxrs, classPath);
    }

    /** A callback that is a JAX-RS resource method, or null when it breaks a rule (reported). */
    private LraParticipantBuildItem.Callback jaxRsCallback(ClassInfo c, CallbackKind kind, List<MethodInfo> chain,
            MethodInfo annotated, MethodInfo jaxrs, String classPath) {
        boolean ok = true;
        String expected = VERBS.get(kind);
        String verb = JaxRsModel.httpMethod(jaxrs);
        if (!expected.equals(verb)) {
            problems.add(kind.annotationSimpleName() + " method " + JaxRsModel.name(c, jaxrs) + " is @" + verb
                    + " but the coordinator calls it with " + expected + "; annotate it with @" + expected + " instead");
            ok = false;
        }
        if (!Modifier.isPublic(annotated.flags())) {
            problems.add(kind.annotationSimpleName() + " method " + JaxRsModel.name(c, annotated)
                    + " must be public; make it public");
            ok = false;
        }
        if (kind != CallbackKind.LEAVE && !isResult(jaxrs.returnType(), JAXRS_RESULTS)) {
            problems.add(kind.annotationSimpleName() + " method " + JaxRsModel.name(c, jaxrs) + " returns "
                    + jaxrs.returnType() + "; it must return void, Response, RestResponse, ParticipantStatus, String,"
                    + " or a CompletionStage / Uni of those");
            ok = false;
        }
        String path = fixedPath(c, kind, jaxrs, JaxRsModel.methodPath(classPath, chain));
        return ok && path != null ? new LraParticipantBuildItem.Callback(jaxrs, path) : null;
    }

    /** The callback's path, or null when it has a template parameter (reported). */
    private String fixedPath(ClassInfo c, CallbackKind kind, MethodInfo jaxrs, String path) {
        if (path.contains("{")) {
            problems.add(kind.annotationSimpleName() + " method " + JaxRsModel.name(c, jaxrs) + " has the path '" + path
                    + "' with a template parameter, but the coordinator calls one fixed URL per participant; give the"
                    + " class and the callback fixed @Path values");
            return null;
        }
        return path;
    }

    /**
     * What is wrong with a plain callback's signature (MicroProfile LRA, "Non JAX-RS participant methods"), or null
     * when it is valid.
     */
    private static String plainProblem(CallbackKind kind, MethodInfo m) {
        if (!Modifier.isPublic(m.flags())) {
            return "must be public; make it public";
        }
        List<Type> params = m.parameterTypes();
        if (kind == CallbackKind.AFTER) {
            if (params.size() != 2 || !params.get(0).name().equals(LraDotNames.URI)
                    || !params.get(1).name().equals(LraDotNames.LRA_STATUS)) {
                return "has parameters (" + typeList(params) + "); it takes (URI lraId, LRAStatus status)";
            }
        } else if (params.size() > 2 || params.stream().anyMatch(t -> !t.name().equals(LraDotNames.URI))) {
            return "has parameters (" + typeList(params) + "); it takes (), (URI lraId) or (URI lraId, URI parentId)";
        }
        Type result = m.returnType();
        String name = result.name().toString();
        boolean ok = isResult(result, PLAIN_RESULTS)
                && !(kind == CallbackKind.STATUS && (name.equals("void") || name.equals("java.lang.Void")));
        if (!ok) {
            return "returns " + result + "; it must return " + (kind == CallbackKind.STATUS ? "" : "void, ")
                    + "ParticipantStatus or Response, or a CompletionStage / Uni of those";
        }
        return null;
    }

    private static boolean isResult(Type type, Set<String> results) {
        String name = type.name().toString();
        if (results.contains(name)) {
            return true;
        }
        if (ASYNC_TYPES.contains(name) && type.kind() == Type.Kind.PARAMETERIZED_TYPE) {
            List<Type> args = type.asParameterizedType().arguments();
            return args.size() == 1 && results.contains(args.get(0).name().toString());
        }
        return false;
    }

    private static String typeList(List<Type> types) {
        return types.stream().map(t -> ClassNames.simple(t.name().toString())).collect(Collectors.joining(", "));
    }
}
