package org.lraext.quarkus.deployment.validation;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class AllProblemsReportedTogetherTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(SeveralProblems.class))
            .assertException(t -> Messages.assertBuildError(t, "Found 3 deployment problems", "SeveralProblems#undo() is @GET but the coordinator calls it with PUT", "SeveralProblems#status() is @PUT but the coordinator calls it with GET", "SeveralProblems#forget() is @GET but the coordinator calls it with DELETE"));

    @Test
    void buildFails() {
        fail("the build must fail");
    }
}
