package org.lraext.lra.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.junit.jupiter.api.Test;

class EndpointPolicyTest {

    private static EndpointPolicy policy(boolean end, int[] codes, Set<Response.Status.Family> families) {
        return new EndpointPolicy(LRA.Type.REQUIRED, end, codes, families, 0);
    }

    @Test
    void defaultFamiliesCancelOnClientAndServerErrors() {
        EndpointPolicy p = policy(true, new int[0], EndpointPolicy.DEFAULT_CANCEL_FAMILIES);
        assertEquals(EndpointPolicy.Outcome.CLOSE, p.outcome(200));
        assertEquals(EndpointPolicy.Outcome.CLOSE, p.outcome(302));
        assertEquals(EndpointPolicy.Outcome.CANCEL, p.outcome(404));
        assertEquals(EndpointPolicy.Outcome.CANCEL, p.outcome(500));
    }

    @Test
    void endFalseKeepsTheLraUnlessACancelCodeComesBack() {
        EndpointPolicy p = policy(false, new int[0], EndpointPolicy.DEFAULT_CANCEL_FAMILIES);
        assertEquals(EndpointPolicy.Outcome.KEEP, p.outcome(201));
        assertEquals(EndpointPolicy.Outcome.CANCEL, p.outcome(409));
    }

    @Test
    void explicitCodesCancelEvenOutsideTheFamilies() {
        EndpointPolicy p = policy(true, new int[] { 202, 301 }, Set.of());
        assertTrue(p.cancels(202));
        assertTrue(p.cancels(301));
        assertFalse(p.cancels(500), "no family given: a 500 closes");
        assertEquals(EndpointPolicy.Outcome.CLOSE, p.outcome(500));
    }

    @Test
    void codesAreCopiedAndSorted() {
        int[] codes = { 500, 202 };
        EndpointPolicy p = policy(true, codes, Set.of());
        codes[0] = 200;
        assertTrue(p.cancels(500), "the policy keeps its own copy");
        assertEquals(policy(true, new int[] { 202, 500 }, Set.of()), p);
    }

    @Test
    void negativeTimeLimitIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new EndpointPolicy(LRA.Type.REQUIRED, true, null, null, -1));
    }
}
