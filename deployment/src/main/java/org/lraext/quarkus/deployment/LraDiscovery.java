package org.lraext.quarkus.deployment;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;
import org.lraext.lra.protocol.CallbackKind;
import org.lraext.quarkus.runtime.internal.EndpointDescriptor;

/**
 * Finds the LRA endpoints and participants of an application in its Jandex index, walking superclasses and interfaces
 * as JAX-RS annotation inheritance does, and collects every problem with a message that names the class, the method
 * and the fix.
 */
final class LraDiscovery {

    static final DotName LRA = DotName.createSimple("org.eclipse.microprofile.lra.annotation.ws.rs.LRA");
    static final DotName PATH = DotName.createSimple("jakarta.ws.rs.Path");
    static final DotName OBJECT = DotName.createSimple(Object.class);
    static final Map<DotName, String> HTTP_METHODS = Map.of(
            DotName.createSimple("jakarta.ws.rs.GET"), "GET",
            DotName.createSimple("jakarta.ws.rs.POST"), "POST",
            DotName.createSimple("jakarta.ws.rs.PUT"), "PUT",
            DotName.createSimple("jakarta.ws.rs.DELETE"), "DELETE",
            DotName.createSimple("jakarta.ws.rs.PATCH"), "PATCH",
            DotName.createSimple("jakarta.ws.rs.HEAD"), "HEAD",
            DotName.createSimple("jakarta.ws.rs.OPTIONS"), "OPTIONS");
    static final Map<CallbackKind, DotName> CALLBACKS = new EnumMap<>(CallbackKind.class);
    static final Map<CallbackKind, String> VERBS = new EnumMap<>(CallbackKind.class);
    static final Set<String> CALLBACK_RESULTS = Set.of("void", "java.lang.Void", "jakarta.ws.rs.core.Response",
            "org.jboss.resteasy.reactive.RestResponse", "org.eclipse.microprofile.lra.annotation.ParticipantStatus",
            "java.lang.String");
    static final Set<String> ASYNC_TYPES = Set.of("java.util.concurrent.CompletionStage",
            "java.util.concurrent.CompletableFuture", "io.smallrye.mutiny.Uni");

    static {
        for (CallbackKind k : CallbackKind.values()) {
            CALLBACKS.put(k, DotName.createSimple(k.annotation()));
        }
        VERBS.put(CallbackKind.COMPENSATE, "PUT");
        VERBS.put(CallbackKind.COMPLETE, "PUT");
        VERBS.put(CallbackKind.AFTER, "PUT");
        VERBS.put(CallbackKind.LEAVE, "PUT");
        VERBS.put(CallbackKind.STATUS, "GET");
        VERBS.put(CallbackKind.FORGET, "DELETE");
    }

    private final IndexView index;
    private final SortedMap<String, EndpointDescriptor> endpoints = new TreeMap<>();
    private final Set<String> problems = new LinkedHashSet<>();
    private final SortedMap<String, String> nonJaxRs = new TreeMap<>();
    static final String PROXY_PATH = org.lraext.quarkus.runtime.internal.LraParticipantProxy.PATH;
    static final DotName URI_TYPE = DotName.createSimple("java.net.URI");
    static final DotName LRA_STATUS = DotName.createSimple("org.eclipse.microprofile.lra.annotation.LRAStatus");
    static final Set<String> NON_JAXRS_RESULTS = Set.of("void", "java.lang.Void", "jakarta.ws.rs.core.Response",
            "org.eclipse.microprofile.lra.annotation.ParticipantStatus");

    LraDiscovery(IndexView index) {
        this.index = index;
    }

    LraMetadataBuildItem discover() {
        for (ClassInfo endpoint : endpointClasses()) {
            scan(endpoint);
        }
        return new LraMetadataBuildItem(endpoints, nonJaxRs, new ArrayList<>(problems));
    }

    /** Concrete classes that serve JAX-RS requests: with {@code @Path} on them or on a supertype. */
    private Set<ClassInfo> endpointClasses() {
        Map<DotName, ClassInfo> found = new TreeMap<>();
        for (AnnotationInstance path : index.getAnnotations(PATH)) {
            if (path.target().kind() != AnnotationTarget.Kind.CLASS) {
                continue;
            }
            ClassInfo c = path.target().asClass();
            if (isConcrete(c)) {
                found.put(c.name(), c);
            }
            Iterable<ClassInfo> subs = c.isInterface() ? index.getAllKnownImplementors(c.name())
                    : index.getAllKnownSubclasses(c.name());
            for (ClassInfo sub : subs) {
                if (isConcrete(sub)) {
                    found.put(sub.name(), sub);
                }
            }
        }
        return new LinkedHashSet<>(found.values());
    }

    private void scan(ClassInfo endpoint) {
        List<ClassInfo> hierarchy = hierarchy(endpoint);
        // every JAX-RS resource method of the endpoint, by signature, in declaration order
        Map<String, List<MethodInfo>> methods = new LinkedHashMap<>();
        for (ClassInfo c : hierarchy) {
            for (MethodInfo m : c.methods()) {
                if (m.isConstructor() || m.isStaticInitializer() || java.lang.reflect.Modifier.isStatic(m.flags())
                        || m.isSynthetic()) {
                    continue;
                }
                methods.computeIfAbsent(signature(m), k -> new ArrayList<>()).add(m);
            }
        }
        String classPath = classPath(hierarchy);
        Map<CallbackKind, String> participant = participant(endpoint, methods, classPath);
        AnnotationInstance classLra = firstClassAnnotation(hierarchy, LRA);

        for (List<MethodInfo> chain : methods.values()) {
            MethodInfo jaxrs = first(chain, m -> httpMethod(m) != null);
            if (jaxrs == null) {
                continue;
            }
            MethodInfo withLra = first(chain, m -> m.hasDeclaredAnnotation(LRA));
            CallbackKind callback = callbackOf(chain);
            boolean leave = callback == CallbackKind.LEAVE;
            if (leave) {
                callback = null;
            }
            if (callback != null && withLra != null) {
                problems.add("@LRA is not allowed on the participant callback " + name(endpoint, withLra) + ": "
                        + callback.annotationSimpleName() + " methods are called by the coordinator within the LRA;"
                        + " remove @LRA from it");
                continue;
            }
            AnnotationInstance lra = withLra != null ? withLra.declaredAnnotation(LRA) : callback == null ? classLra : null;
            if (lra == null && callback == null && !leave) {
                continue;
            }
            EndpointDescriptor d = new EndpointDescriptor();
            d.setName(endpoint.name().toString() + "#" + jaxrs.name());
            if (callback != null) {
                d.setCallback(callback.rel());
            }
            d.setLeave(leave);
            if (lra != null) {
                applyLra(d, lra, endpoint, jaxrs);
            }
            if (participant != null && callback == null) {
                Map<String, String> rels = new TreeMap<>();
                participant.forEach((k, v) -> rels.put(k.rel(), v));
                d.setParticipant(rels);
            }
            endpoints.put(methodId(endpoint, jaxrs), d);
        }
    }

    private void applyLra(EndpointDescriptor d, AnnotationInstance lra, ClassInfo endpoint, MethodInfo method) {
        AnnotationValue type = lra.value();
        d.setLraType(type == null ? "REQUIRED" : type.asEnum());
        AnnotationValue end = lra.value("end");
        d.setEnd(end == null || end.asBoolean());
        AnnotationValue cancelOn = lra.value("cancelOn");
        if (cancelOn == null) {
            d.setCancelOn(new int[0]);
        } else {
            String[] names = cancelOn.asEnumArray();
            int[] codes = new int[names.length];
            for (int i = 0; i < names.length; i++) {
                codes[i] = jakarta.ws.rs.core.Response.Status.valueOf(names[i]).getStatusCode();
            }
            d.setCancelOn(codes);
        }
        AnnotationValue families = lra.value("cancelOnFamily");
        d.setCancelOnFamily(families == null ? new String[] { "CLIENT_ERROR", "SERVER_ERROR" } : families.asEnumArray());
        AnnotationValue limit = lra.value("timeLimit");
        AnnotationValue unit = lra.value("timeUnit");
        long amount = limit == null ? 0 : limit.asLong();
        if (amount < 0) {
            problems.add("@LRA(timeLimit) of " + name(endpoint, method) + " is negative (" + amount
                    + "); use 0 for no limit or a positive amount");
        } else if (amount > 0) {
            ChronoUnit u = unit == null ? ChronoUnit.SECONDS : ChronoUnit.valueOf(unit.asEnum());
            try {
                d.setTimeLimitMillis(Duration.of(amount, u).toMillis());
            } catch (ArithmeticException | java.time.temporal.UnsupportedTemporalTypeException e) {
                problems.add("@LRA(timeLimit = " + amount + ", timeUnit = " + u + ") of " + name(endpoint, method)
                        + " is not a usable duration; use a unit from NANOS to DAYS");
            }
        }
    }

    /**
     * The callback paths of a participant class, or null when the class has no callbacks; reports bad callbacks.
     */
    private Map<CallbackKind, String> participant(ClassInfo endpoint, Map<String, List<MethodInfo>> methods,
            String classPath) {
        Map<CallbackKind, List<List<MethodInfo>>> byKind = new EnumMap<>(CallbackKind.class);
        for (List<MethodInfo> chain : methods.values()) {
            for (CallbackKind k : CallbackKind.values()) {
                if (first(chain, m -> m.hasDeclaredAnnotation(CALLBACKS.get(k))) != null) {
                    byKind.computeIfAbsent(k, x -> new ArrayList<>()).add(chain);
                }
            }
        }
        if (byKind.isEmpty()) {
            return null;
        }
        Map<CallbackKind, String> paths = new EnumMap<>(CallbackKind.class);
        boolean ok = true;
        for (Map.Entry<CallbackKind, List<List<MethodInfo>>> e : byKind.entrySet()) {
            CallbackKind kind = e.getKey();
            if (e.getValue().size() > 1) {
                problems.add(endpoint.name() + " has " + e.getValue().size() + " " + kind.annotationSimpleName()
                        + " methods (" + e.getValue().stream().map(c -> name(endpoint, c.get(0)))
                                .collect(Collectors.joining(", "))
                        + "); a participant has at most one: keep one and remove the annotation from the others");
                ok = false;
                continue;
            }
            List<MethodInfo> chain = e.getValue().get(0);
            MethodInfo annotated = first(chain, m -> m.hasDeclaredAnnotation(CALLBACKS.get(kind)));
            MethodInfo jaxrs = first(chain, m -> httpMethod(m) != null);
            String expected = VERBS.get(kind);
            if (jaxrs == null) {
                if (kind == CallbackKind.LEAVE) {
                    problems.add("@Leave method " + name(endpoint, annotated) + " is not a JAX-RS resource method;"
                            + " annotate it with @PUT and @Path (clients call it to leave the LRA)");
                    ok = false;
                    continue;
                }
                String problem = nonJaxRsProblem(kind, annotated);
                if (problem != null) {
                    problems.add("Non-JAX-RS " + kind.annotationSimpleName() + " method " + name(endpoint, annotated)
                            + " " + problem);
                    ok = false;
                    continue;
                }
                // a plain CDI method: the coordinator calls the extension's proxy, which calls the method
                paths.put(kind, PROXY_PATH + "/" + endpoint.name() + "/" + kind.rel());
                nonJaxRs.put(endpoint.name() + "|" + kind.rel(), endpoint.name() + "#" + annotated.name() + "("
                        + annotated.parameterTypes().stream().map(LraDiscovery::binaryName).collect(Collectors.joining(","))
                        + ")");
                continue;
            }
            String verb = httpMethod(jaxrs);
            if (!expected.equals(verb)) {
                problems.add(kind.annotationSimpleName() + " method " + name(endpoint, jaxrs) + " is @" + verb
                        + " but the coordinator calls it with " + expected + "; annotate it with @" + expected
                        + " instead");
                ok = false;
            }
            if (!java.lang.reflect.Modifier.isPublic(annotated.flags())) {
                problems.add(kind.annotationSimpleName() + " method " + name(endpoint, annotated)
                        + " must be public; make it public");
                ok = false;
            }
            if (kind != CallbackKind.LEAVE && !isCallbackResult(jaxrs.returnType())) {
                problems.add(kind.annotationSimpleName() + " method " + name(endpoint, jaxrs) + " returns "
                        + jaxrs.returnType() + "; it must return void, Response, RestResponse, ParticipantStatus, String,"
                        + " or a CompletionStage / Uni of those");
                ok = false;
            }
            MethodInfo withPath = first(chain, m -> m.hasDeclaredAnnotation(PATH));
            AnnotationInstance methodPath = withPath == null ? null : withPath.declaredAnnotation(PATH);
            String path = join(classPath, methodPath == null ? "" : methodPath.value().asString());
            if (path.contains("{")) {
                problems.add(kind.annotationSimpleName() + " method " + name(endpoint, jaxrs) + " has the path '" + path
                        + "' with a template parameter, but the coordinator calls one fixed URL per participant; give the"
                        + " class and the callback fixed @Path values");
                ok = false;
            }
            paths.put(kind, path);
        }
        if (!paths.containsKey(CallbackKind.COMPENSATE) && !paths.containsKey(CallbackKind.AFTER)
                && !byKind.containsKey(CallbackKind.COMPENSATE) && !byKind.containsKey(CallbackKind.AFTER)) {
            Set<String> present = byKind.keySet().stream().map(CallbackKind::annotationSimpleName)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            problems.add(endpoint.name() + " has " + String.join(", ", present)
                    + " but no @Compensate method: a participant must have a @Compensate (or an @AfterLRA) method;"
                    + " add a public @PUT @Path(\"compensate\") method annotated @Compensate");
            ok = false;
        }
        return ok ? paths : null;
    }

    /**
     * What is wrong with a non-JAX-RS callback's signature (MicroProfile LRA, "Non JAX-RS participant methods"), or
     * null when it is valid.
     */
    private static String nonJaxRsProblem(CallbackKind kind, MethodInfo m) {
        if (!java.lang.reflect.Modifier.isPublic(m.flags())) {
            return "must be public; make it public";
        }
        List<Type> params = m.parameterTypes();
        Type result = m.returnType();
        if (kind == CallbackKind.AFTER) {
            if (params.size() != 2 || !params.get(0).name().equals(URI_TYPE) || !params.get(1).name().equals(LRA_STATUS)) {
                return "has parameters (" + typeList(params) + "); it takes (URI lraId, LRAStatus status)";
            }
        } else if (params.size() > 2 || params.stream().anyMatch(t -> !t.name().equals(URI_TYPE))) {
            return "has parameters (" + typeList(params) + "); it takes (), (URI lraId) or (URI lraId, URI parentId)";
        }
        String name = result.name().toString();
        boolean ok = NON_JAXRS_RESULTS.contains(name);
        if (!ok && ASYNC_TYPES.contains(name) && result.kind() == Type.Kind.PARAMETERIZED_TYPE) {
            List<Type> args = result.asParameterizedType().arguments();
            ok = args.size() == 1 && NON_JAXRS_RESULTS.contains(args.get(0).name().toString());
        }
        if (ok && kind == CallbackKind.STATUS && (name.equals("void") || name.equals("java.lang.Void"))) {
            ok = false;
        }
        if (!ok) {
            return "returns " + result + "; it must return " + (kind == CallbackKind.STATUS ? "" : "void, ")
                    + "ParticipantStatus or Response, or a CompletionStage / Uni of those";
        }
        return null;
    }

    private static String typeList(List<Type> types) {
        return types.stream().map(t -> simple(t.name().toString())).collect(Collectors.joining(", "));
    }

    private static boolean isCallbackResult(Type type) {
        String name = type.name().toString();
        if (CALLBACK_RESULTS.contains(name)) {
            return true;
        }
        if (ASYNC_TYPES.contains(name) && type.kind() == Type.Kind.PARAMETERIZED_TYPE) {
            List<Type> args = type.asParameterizedType().arguments();
            return args.size() == 1 && CALLBACK_RESULTS.contains(args.get(0).name().toString());
        }
        return false;
    }

    private CallbackKind callbackOf(List<MethodInfo> chain) {
        for (CallbackKind k : CallbackKind.values()) {
            if (first(chain, m -> m.hasDeclaredAnnotation(CALLBACKS.get(k))) != null) {
                return k;
            }
        }
        return null;
    }

    /** The endpoint, its superclasses, then all their interfaces (breadth first), as far as the index knows them. */
    private List<ClassInfo> hierarchy(ClassInfo endpoint) {
        List<ClassInfo> classes = new ArrayList<>();
        ClassInfo c = endpoint;
        while (c != null) {
            classes.add(c);
            DotName sup = c.superName();
            c = sup == null || sup.equals(OBJECT) ? null : index.getClassByName(sup);
        }
        List<ClassInfo> result = new ArrayList<>(classes);
        List<DotName> queue = new ArrayList<>();
        for (ClassInfo k : classes) {
            queue.addAll(k.interfaceNames());
        }
        Set<DotName> seen = new LinkedHashSet<>();
        while (!queue.isEmpty()) {
            DotName n = queue.remove(0);
            if (!seen.add(n)) {
                continue;
            }
            ClassInfo i = index.getClassByName(n);
            if (i != null) {
                result.add(i);
                queue.addAll(i.interfaceNames());
            }
        }
        return result;
    }

    private static String classPath(List<ClassInfo> hierarchy) {
        AnnotationInstance path = firstClassAnnotation(hierarchy, PATH);
        return path == null ? "" : path.value().asString();
    }

    private static AnnotationInstance firstClassAnnotation(List<ClassInfo> hierarchy, DotName name) {
        for (ClassInfo c : hierarchy) {
            AnnotationInstance a = c.declaredAnnotation(name);
            if (a != null) {
                return a;
            }
        }
        return null;
    }

    static String httpMethod(MethodInfo m) {
        for (Map.Entry<DotName, String> e : HTTP_METHODS.entrySet()) {
            if (m.hasDeclaredAnnotation(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    private static MethodInfo first(List<MethodInfo> chain, java.util.function.Predicate<MethodInfo> p) {
        for (MethodInfo m : chain) {
            if (p.test(m)) {
                return m;
            }
        }
        return null;
    }

    static String join(String a, String b) {
        String x = trim(a);
        String y = trim(b);
        if (x.isEmpty()) {
            return y;
        }
        return y.isEmpty() ? x : x + "/" + y;
    }

    private static String trim(String p) {
        String s = p.strip();
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static boolean isConcrete(ClassInfo c) {
        return !c.isInterface() && !java.lang.reflect.Modifier.isAbstract(c.flags()) && !c.isAnnotation() && !c.isEnum();
    }

    private static String signature(MethodInfo m) {
        return m.name() + m.parameterTypes().stream().map(LraDiscovery::binaryName)
                .collect(Collectors.joining(",", "(", ")"));
    }

    static String name(ClassInfo endpoint, MethodInfo m) {
        String params = m.parameterTypes().stream().map(t -> simple(t.name().toString()))
                .collect(Collectors.joining(", "));
        String owner = m.declaringClass().name().equals(endpoint.name()) ? endpoint.name().toString()
                : endpoint.name() + " (declared in " + m.declaringClass().name() + ")";
        return owner + "#" + m.name() + "(" + params + ")";
    }

    private static String simple(String n) {
        return n.substring(n.lastIndexOf('.') + 1);
    }

    /**
     * The id Quarkus REST gives the endpoint method at run time
     * ({@code MethodId}): {@code Endpoint#name([param, ...])}, with the endpoint class, not the declaring one.
     */
    static String methodId(ClassInfo endpoint, MethodInfo method) {
        return org.jboss.resteasy.reactive.server.util.MethodId.get(method.name(), endpoint.name().toString(),
                method.parameterTypes().stream().map(LraDiscovery::binaryName).toArray(String[]::new));
    }

    /** A type's name as {@link Class#getName()} gives it, erasing generics. */
    static String binaryName(Type t) {
        switch (t.kind()) {
            case PRIMITIVE:
            case VOID:
                return t.name().toString();
            case ARRAY: {
                Type element = t.asArrayType().elementType();
                String prefix = "[".repeat(t.asArrayType().deepDimensions());
                if (element.kind() == Type.Kind.PRIMITIVE) {
                    return prefix + primitiveDescriptor(element.name().toString());
                }
                return prefix + "L" + binaryName(element) + ";";
            }
            case TYPE_VARIABLE: {
                List<Type> bounds = t.asTypeVariable().bounds();
                return bounds.isEmpty() ? "java.lang.Object" : binaryName(bounds.get(0));
            }
            case UNRESOLVED_TYPE_VARIABLE:
            case TYPE_VARIABLE_REFERENCE:
            case WILDCARD_TYPE:
                return "java.lang.Object";
            default:
                return t.name().toString();
        }
    }

    private static String primitiveDescriptor(String name) {
        return switch (name) {
            case "boolean" -> "Z";
            case "byte" -> "B";
            case "char" -> "C";
            case "short" -> "S";
            case "int" -> "I";
            case "long" -> "J";
            case "float" -> "F";
            case "double" -> "D";
            default -> throw new IllegalArgumentException(name);
        };
    }
}
