package org.lraext.lra.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.junit.jupiter.api.Test;

class TypeRulesTest {

    @Test
    void withoutIncomingLra() {
        assertEquals(Action.START, TypeRules.decide(LRA.Type.REQUIRED, false));
        assertEquals(Action.START, TypeRules.decide(LRA.Type.REQUIRES_NEW, false));
        assertEquals(Action.REJECT, TypeRules.decide(LRA.Type.MANDATORY, false));
        assertEquals(Action.RUN_OUTSIDE, TypeRules.decide(LRA.Type.SUPPORTS, false));
        assertEquals(Action.RUN_OUTSIDE, TypeRules.decide(LRA.Type.NOT_SUPPORTED, false));
        assertEquals(Action.RUN_OUTSIDE, TypeRules.decide(LRA.Type.NEVER, false));
        assertEquals(Action.START, TypeRules.decide(LRA.Type.NESTED, false));
    }

    @Test
    void withIncomingLra() {
        assertEquals(Action.JOIN, TypeRules.decide(LRA.Type.REQUIRED, true));
        assertEquals(Action.SUSPEND_AND_START, TypeRules.decide(LRA.Type.REQUIRES_NEW, true));
        assertEquals(Action.JOIN, TypeRules.decide(LRA.Type.MANDATORY, true));
        assertEquals(Action.JOIN, TypeRules.decide(LRA.Type.SUPPORTS, true));
        assertEquals(Action.SUSPEND, TypeRules.decide(LRA.Type.NOT_SUPPORTED, true));
        assertEquals(Action.REJECT, TypeRules.decide(LRA.Type.NEVER, true));
        assertEquals(Action.START_NESTED, TypeRules.decide(LRA.Type.NESTED, true));
    }

    @Test
    void rejectionNamesTheTypeAndTheHeader() {
        assertTrue(TypeRules.rejection(LRA.Type.MANDATORY, false).contains("@LRA(MANDATORY)"));
        assertTrue(TypeRules.rejection(LRA.Type.MANDATORY, false).contains("Long-Running-Action"));
        assertTrue(TypeRules.rejection(LRA.Type.NEVER, true).contains("must not be called inside an LRA"));
    }
}
