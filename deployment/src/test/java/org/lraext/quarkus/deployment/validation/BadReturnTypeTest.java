package org.lraext.quarkus.deployment.validation;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class BadReturnTypeTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(BadReturn.class))
            .assertException(t -> Messages.assertBuildError(t, "@Status method org.lraext.quarkus.deployment.validation.BadReturn#status()", "returns java.util.concurrent.CompletionStage<java.lang.Integer>", "it must return void, Response"));

    @Test
    void buildFails() {
        fail("the build must fail");
    }
}
