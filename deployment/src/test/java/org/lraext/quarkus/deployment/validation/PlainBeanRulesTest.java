package org.lraext.quarkus.deployment.validation;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** Participants that are no JAX-RS resources follow the same rules. */
class PlainBeanRulesTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(PlainBeanWithoutCompensate.class))
            .assertException(t -> Messages.assertBuildError(t,
                    "PlainBeanWithoutCompensate has @Complete but no @Compensate method",
                    "add a public method annotated @Compensate"));

    @Test
    void buildFails() {
        fail("the build must fail");
    }
}
