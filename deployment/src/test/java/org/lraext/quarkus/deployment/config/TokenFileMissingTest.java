package org.lraext.quarkus.deployment.config;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lraext.quarkus.deployment.types.TypeResource;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A token file that does not exist: the application does not start, and the message names the setting and the file.
 */
class TokenFileMissingTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TypeResource.class))
            .overrideConfigKey("quarkus.lra.coordinator.token-file", "target/no-such-dir/lra.token")
            .assertException(t -> {
                String all = ConfigErrors.messages(t);
                assertTrue(all.contains("quarkus.lra.coordinator.token-file") && all.contains("lra.token"), all);
            });

    @Test
    void startFails() {
        fail("the application must not start");
    }
}
