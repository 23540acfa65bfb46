package org.lraext.quarkus.deployment.config;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lraext.quarkus.deployment.types.TypeResource;

import io.quarkus.test.QuarkusUnitTest;

/**
 * The service's token from an OIDC client, in an application without {@code quarkus-oidc-client}: the application does
 * not start, and the message names the setting and the dependency to add.
 */
class OidcClientMissingTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TypeResource.class))
            .overrideConfigKey("quarkus.lra.coordinator.oidc-client.enabled", "true")
            .assertException(t -> {
                String all = ConfigErrors.messages(t);
                assertTrue(all.contains("quarkus.lra.coordinator.oidc-client.enabled")
                        && all.contains("io.quarkus:quarkus-oidc-client"), all);
            });

    @Test
    void startFails() {
        fail("the application must not start");
    }
}
