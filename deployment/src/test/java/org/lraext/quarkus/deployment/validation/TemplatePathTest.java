package org.lraext.quarkus.deployment.validation;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class TemplatePathTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TemplatePath.class))
            .assertException(t -> Messages.assertBuildError(t, "TemplatePath#undo()", "has the path 'orders/{id}/compensate' with a template parameter", "give the class and the callback fixed @Path values"));

    @Test
    void buildFails() {
        fail("the build must fail");
    }
}
