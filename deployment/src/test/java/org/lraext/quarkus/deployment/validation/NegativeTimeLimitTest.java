package org.lraext.quarkus.deployment.validation;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class NegativeTimeLimitTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(NegativeTimeLimit.class))
            .assertException(t -> Messages.assertBuildError(t, "@LRA(timeLimit) of org.lraext.quarkus.deployment.validation.NegativeTimeLimit#work()", "is negative (-5)", "use 0 for no limit"));

    @Test
    void buildFails() {
        fail("the build must fail");
    }
}
