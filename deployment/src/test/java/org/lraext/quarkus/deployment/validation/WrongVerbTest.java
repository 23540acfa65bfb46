package org.lraext.quarkus.deployment.validation;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class WrongVerbTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(WrongVerb.class))
            .assertException(t -> Messages.assertBuildError(t, "@Compensate method org.lraext.quarkus.deployment.validation.WrongVerb#undo()", "is @POST but the coordinator calls it with PUT", "annotate it with @PUT instead"));

    @Test
    void buildFails() {
        fail("the build must fail");
    }
}
