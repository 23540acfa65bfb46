package org.lraext.quarkus.deployment.validation;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class TwoCompensatesTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TwoCompensates.class))
            .assertException(t -> Messages.assertBuildError(t, "TwoCompensates has 2 @Compensate methods", "TwoCompensates#undo()", "TwoCompensates#undoAgain()", "keep one"));

    @Test
    void buildFails() {
        fail("the build must fail");
    }
}
