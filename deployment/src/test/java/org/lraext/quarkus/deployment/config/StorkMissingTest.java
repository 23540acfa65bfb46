package org.lraext.quarkus.deployment.config;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lraext.quarkus.deployment.types.TypeResource;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A Stork coordinator URL without Stork in the application: it does not start, and the message says what to add.
 */
class StorkMissingTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TypeResource.class))
            .overrideConfigKey("quarkus.lra.coordinator-url", "stork://lra-coordinators/lra-coordinator")
            .assertException(t -> {
                StringBuilder all = new StringBuilder();
                for (Throwable c = t; c != null; c = c.getCause()) {
                    all.append(c.getMessage()).append('\n');
                }
                assertTrue(all.toString().contains("add the dependency io.quarkus:quarkus-smallrye-stork")
                        && all.toString().contains("quarkus.stork.lra-coordinators.service-discovery"), all.toString());
            });

    @Test
    void startFails() {
        fail("the application must not start");
    }
}
