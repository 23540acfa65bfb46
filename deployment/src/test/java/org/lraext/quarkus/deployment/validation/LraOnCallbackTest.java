package org.lraext.quarkus.deployment.validation;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class LraOnCallbackTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(LraOnCallback.class))
            .assertException(t -> Messages.assertBuildError(t, "@LRA is not allowed on the participant callback", "LraOnCallback#undo()", "remove @LRA from it"));

    @Test
    void buildFails() {
        fail("the build must fail");
    }
}
