package org.lraext.quarkus.deployment.validation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the messages of a failed build: the exception, its causes and the problems suppressed in it.
 */
final class Messages {

    private Messages() {
    }

    static String of(Throwable t) {
        List<String> all = new ArrayList<>();
        collect(t, all, new IdentityHashMap<>());
        return String.join("\n", all);
    }

    private static void collect(Throwable t, List<String> out, Map<Throwable, Boolean> seen) {
        if (t == null || seen.put(t, true) != null) {
            return;
        }
        out.add(String.valueOf(t.getMessage()));
        for (Throwable s : t.getSuppressed()) {
            collect(s, out, seen);
        }
        collect(t.getCause(), out, seen);
    }

    /** Asserts that the build failed with a message containing every fragment. */
    static void assertBuildError(Throwable t, String... fragments) {
        String messages = of(t);
        for (String f : fragments) {
            assertTrue(messages.contains(f), () -> "expected '" + f + "' in the build error:\n" + messages);
        }
    }
}
