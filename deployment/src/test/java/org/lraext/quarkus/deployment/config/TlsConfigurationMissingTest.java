package org.lraext.quarkus.deployment.config;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lraext.quarkus.deployment.types.TypeResource;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A coordinator TLS configuration name the TLS registry does not know: the application does not start, and the
 * message names the setting and what to configure.
 */
class TlsConfigurationMissingTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TypeResource.class))
            .overrideConfigKey("quarkus.lra.coordinator-url", "https://localhost:50443/lra-coordinator")
            .overrideConfigKey("quarkus.lra.coordinator.tls-configuration-name", "lra-missing")
            .assertException(t -> {
                String all = ConfigErrors.messages(t);
                assertTrue(all.contains("quarkus.lra.coordinator.tls-configuration-name is lra-missing")
                        && all.contains("quarkus.tls.lra-missing.trust-store"), all);
            });

    @Test
    void startFails() {
        fail("the application must not start");
    }
}
