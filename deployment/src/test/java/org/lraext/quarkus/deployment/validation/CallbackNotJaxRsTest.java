package org.lraext.quarkus.deployment.validation;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class CallbackNotJaxRsTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(NotJaxRs.class))
            .assertException(t -> Messages.assertBuildError(t,
                    "Non-JAX-RS @Compensate method org.lraext.quarkus.deployment.validation.NotJaxRs#undo(String)",
                    "has parameters (String); it takes (), (URI lraId) or (URI lraId, URI parentId)"));

    @Test
    void buildFails() {
        fail("the build must fail");
    }
}
