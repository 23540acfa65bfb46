package org.lraext.quarkus.deployment.validation;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** Participants that are no JAX-RS resources follow the same rules, and must be beans. */
class PlainBeanRulesTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(PlainBeanWithoutCompensate.class, PlainNotABean.class))
            .assertException(t -> Messages.assertBuildError(t,
                    "PlainBeanWithoutCompensate has @Complete but no @Compensate method",
                    "add a public method annotated @Compensate",
                    "PlainNotABean has participant methods that are not JAX-RS methods, but it is not a CDI bean",
                    "give the class a bean-defining annotation such as @ApplicationScoped"));

    @Test
    void buildFails() {
        fail("the build must fail");
    }
}
