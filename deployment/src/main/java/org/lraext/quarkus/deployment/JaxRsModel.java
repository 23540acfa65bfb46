package org.lraext.quarkus.deployment;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;
import org.jboss.resteasy.reactive.server.util.MethodId;
import org.lraext.lra.protocol.ClassNames;

/**
 * JAX-RS as the build sees it in the Jandex index: resource classes, their hierarchies walked as JAX-RS annotation
 * inheritance does (the class, its superclasses, then their interfaces), the chain of declarations of each method, and
 * the names Quarkus REST and messages give them.
 */
final class JaxRsModel {

    private final IndexView index;

    JaxRsModel(IndexView index) {
        this.index = index;
    }

    /** Concrete classes that serve JAX-RS requests: with {@code @Path} on them or on a supertype, by name. */
    Set<ClassInfo> resourceClasses() {
        Map<DotName, ClassInfo> found = new TreeMap<>();
        for (AnnotationInstance path : index.getAnnotations(LraDotNames.PATH)) {
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

    /**
     * Concrete classes that are not JAX-RS resources and declare or inherit a participant callback annotation: beans
     * whose participant methods are all plain (joined to LRAs through the programmatic API), by name.
     *
     * @param resources what {@link #resourceClasses} found
     */
    Set<ClassInfo> plainParticipantClasses(Set<ClassInfo> resources) {
        // resources and everything they inherit from: their callbacks are the resources'
        Set<DotName> skip = new HashSet<>();
        resources.forEach(r -> hierarchy(r).forEach(c -> skip.add(c.name())));
        Map<DotName, ClassInfo> found = new TreeMap<>();
        for (DotName annotation : LraDotNames.CALLBACKS.values()) {
            for (AnnotationInstance a : index.getAnnotations(annotation)) {
                if (a.target().kind() != AnnotationTarget.Kind.METHOD) {
                    continue;
                }
                ClassInfo declaring = a.target().asMethod().declaringClass();
                List<ClassInfo> candidates = new ArrayList<>();
                candidates.add(declaring);
                candidates.addAll(declaring.isInterface() ? index.getAllKnownImplementors(declaring.name())
                        : index.getAllKnownSubclasses(declaring.name()));
                for (ClassInfo c : candidates) {
                    if (isConcrete(c) && !skip.contains(c.name()) && !servesJaxRs(c)) {
                        found.put(c.name(), c);
                    }
                }
            }
        }
        return new LinkedHashSet<>(found.values());
    }

    /** Whether any method of the class's hierarchy is a JAX-RS method (a sub-resource, say): not a plain bean. */
    private boolean servesJaxRs(ClassInfo c) {
        for (List<MethodInfo> chain : methodChains(hierarchy(c)).values()) {
            if (first(chain, m -> httpMethod(m) != null || m.hasDeclaredAnnotation(LraDotNames.PATH)) != null) {
                return true;
            }
        }
        return false;
    }

    /** The class, its superclasses, then all their interfaces (breadth first), as far as the index knows them. */
    List<ClassInfo> hierarchy(ClassInfo c) {
        List<ClassInfo> classes = new ArrayList<>();
        for (ClassInfo k = c; k != null;) {
            classes.add(k);
            DotName sup = k.superName();
            k = sup == null || sup.equals(LraDotNames.OBJECT) ? null : index.getClassByName(sup);
        }
        List<ClassInfo> result = new ArrayList<>(classes);
        List<DotName> queue = new ArrayList<>();
        for (ClassInfo k : classes) {
            queue.addAll(k.interfaceNames());
        }
        Set<DotName> seen = new LinkedHashSet<>();
        while (!queue.isEmpty()) {
            DotName n = queue.remove(0);
            if (seen.add(n)) {
                ClassInfo i = index.getClassByName(n);
                if (i != null) {
                    result.add(i);
                    queue.addAll(i.interfaceNames());
                }
            }
        }
        return result;
    }

    /**
     * Every instance method of a hierarchy, as the chain of its declarations (the most specific first), by signature, in
     * declaration order.
     */
    static Map<String, List<MethodInfo>> methodChains(List<ClassInfo> hierarchy) {
        Map<String, List<MethodInfo>> methods = new LinkedHashMap<>();
        for (ClassInfo c : hierarchy) {
            for (MethodInfo m : c.methods()) {
                if (m.isConstructor() || m.isStaticInitializer() || Modifier.isStatic(m.flags()) || m.isSynthetic()) {
                    continue;
                }
                methods.computeIfAbsent(signature(m), k -> new ArrayList<>()).add(m);
            }
        }
        return methods;
    }

    /** The first class-level annotation of this name in a hierarchy, or null. */
    static AnnotationInstance classAnnotation(List<ClassInfo> hierarchy, DotName name) {
        for (ClassInfo c : hierarchy) {
            AnnotationInstance a = c.declaredAnnotation(name);
            if (a != null) {
                return a;
            }
        }
        return null;
    }

    /** The {@code @Path} of a hierarchy's class, or "". */
    static String classPath(List<ClassInfo> hierarchy) {
        AnnotationInstance path = classAnnotation(hierarchy, LraDotNames.PATH);
        return path == null ? "" : path.value().asString();
    }

    /** The path of a method: its class's and its own, joined. */
    static String methodPath(String classPath, List<MethodInfo> chain) {
        MethodInfo withPath = first(chain, m -> m.hasDeclaredAnnotation(LraDotNames.PATH));
        AnnotationInstance methodPath = withPath == null ? null : withPath.declaredAnnotation(LraDotNames.PATH);
        return join(classPath, methodPath == null ? "" : methodPath.value().asString());
    }

    /** The HTTP method a declaration is annotated with, or null. */
    static String httpMethod(MethodInfo m) {
        for (Map.Entry<DotName, String> e : LraDotNames.HTTP_METHODS.entrySet()) {
            if (m.hasDeclaredAnnotation(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The first declaration in a chain that matches, or null. */
    static MethodInfo first(List<MethodInfo> chain, Predicate<MethodInfo> p) {
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

    static boolean isConcrete(ClassInfo c) {
        return !c.isInterface() && !Modifier.isAbstract(c.flags()) && !c.isAnnotation() && !c.isEnum();
    }

    private static String signature(MethodInfo m) {
        return m.name() + m.parameterTypes().stream().map(JaxRsModel::binaryName)
                .collect(Collectors.joining(",", "(", ")"));
    }

    /** {@code Class#method(Params)} for messages, naming the declaring class when it is not the endpoint's. */
    static String name(ClassInfo endpoint, MethodInfo m) {
        String params = m.parameterTypes().stream().map(t -> ClassNames.simple(t.name().toString()))
                .collect(Collectors.joining(", "));
        String owner = m.declaringClass().name().equals(endpoint.name()) ? endpoint.name().toString()
                : endpoint.name() + " (declared in " + m.declaringClass().name() + ")";
        return owner + "#" + m.name() + "(" + params + ")";
    }

    /** The id Quarkus REST gives a resource method at run time: with the endpoint's class, not the declaring one. */
    static String methodId(ClassInfo endpoint, MethodInfo method) {
        return MethodId.get(method.name(), endpoint.name().toString(),
                method.parameterTypes().stream().map(JaxRsModel::binaryName).toArray(String[]::new));
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
