package org.lraext.it.kafka.validation;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** The build refuses {@code @Incoming @LRA} methods it cannot serve, naming each class, method and fix at once. */
class IncomingRulesTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(BrokenConsumers.class, BrokenConsumers.NoCompensate.class,
                    BrokenConsumers.Processor.class, BrokenConsumers.TakesMessage.class,
                    BrokenConsumers.PreAcknowledged.class, BrokenConsumers.NonBlockingVoid.class))
            .overrideConfigKey("quarkus.kafka.devservices.enabled", "false")
            .overrideConfigKey("quarkus.lra.devservices.enabled", "false")
            .assertException(t -> assertBuildError(t,
                    "@Incoming @LRA method org.lraext.it.kafka.validation.BrokenConsumers$NoCompensate#consume(String) runs in"
                            + " an LRA (MANDATORY), but org.lraext.it.kafka.validation.BrokenConsumers$NoCompensate has"
                            + " no @Compensate or @AfterLRA method",
                    "add a public method annotated @Compensate",
                    "BrokenConsumers$Processor#process(String) is also @Outgoing",
                    "send what follows with an Emitter",
                    "BrokenConsumers$TakesMessage#consume(Message) takes a Message",
                    "take the payload instead",
                    "BrokenConsumers$PreAcknowledged#consume(String) is @Acknowledgment(PRE_PROCESSING)",
                    "remove @Acknowledgment or use POST_PROCESSING",
                    "BrokenConsumers$NonBlockingVoid#consume(String) returns void and is @NonBlocking",
                    "return Uni<Void>, or remove @NonBlocking"));

    @Test
    void buildFails() {
        fail("the build must fail");
    }

    static void assertBuildError(Throwable t, String... fragments) {
        List<String> all = new ArrayList<>();
        collect(t, all, new IdentityHashMap<>());
        String messages = String.join("\n", all);
        for (String f : fragments) {
            assertTrue(messages.contains(f), () -> "expected '" + f + "' in the build error:\n" + messages);
        }
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
}
