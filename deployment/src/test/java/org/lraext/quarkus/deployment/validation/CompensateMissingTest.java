package org.lraext.quarkus.deployment.validation;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class CompensateMissingTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(NoCompensate.class))
            .assertException(t -> Messages.assertBuildError(t, "NoCompensate has @Complete but no @Compensate method", "add a public @PUT @Path(\"compensate\") method annotated @Compensate"));

    @Test
    void buildFails() {
        fail("the build must fail");
    }
}
