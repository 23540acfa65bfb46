package org.lraext.lra.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CallbackMemoryTest {

    @Test
    void remembersFinalSuccessfulAnswersOfBusinessCallbacksOnly() {
        CallbackMemory m = new CallbackMemory(10);
        m.put(CallbackKind.COMPENSATE, "p", "lra1", 200, "Compensated");
        assertEquals(new CallbackMemory.Answer(200, "Compensated"), m.get(CallbackKind.COMPENSATE, "p", "lra1"));
        assertNull(m.get(CallbackKind.COMPLETE, "p", "lra1"), "another kind: a nested LRA may be compensated after completing");
        assertNull(m.get(CallbackKind.COMPENSATE, "q", "lra1"), "another participant");
        assertNull(m.get(CallbackKind.COMPENSATE, "p", "lra2"), "another LRA");
        m.put(CallbackKind.COMPLETE, "p", "lra3", 202, "");
        m.put(CallbackKind.COMPLETE, "p", "lra4", 409, "FailedToComplete");
        m.put(CallbackKind.STATUS, "p", "lra5", 200, "Completed");
        m.put(CallbackKind.COMPLETE, "p", null, 200, "Completed");
        assertNull(m.get(CallbackKind.COMPLETE, "p", "lra3"), "still working: the next delivery must reach the method");
        assertNull(m.get(CallbackKind.COMPLETE, "p", "lra4"), "failed: the coordinator decides what comes next");
        assertNull(m.get(CallbackKind.STATUS, "p", "lra5"));
        assertEquals(1, m.size());
    }

    @Test
    void boundedLeastRecentlyUsedFirst() {
        CallbackMemory m = new CallbackMemory(2);
        m.put(CallbackKind.COMPLETE, "p", "a", 200, "Completed");
        m.put(CallbackKind.COMPLETE, "p", "b", 200, "Completed");
        m.get(CallbackKind.COMPLETE, "p", "a");
        m.put(CallbackKind.COMPLETE, "p", "c", 200, "Completed");
        assertEquals(2, m.size());
        assertNull(m.get(CallbackKind.COMPLETE, "p", "b"));
        assertEquals(200, m.get(CallbackKind.COMPLETE, "p", "a").status());
    }

    @Test
    void zeroTurnsItOff() {
        CallbackMemory m = new CallbackMemory(0);
        m.put(CallbackKind.COMPLETE, "p", "a", 200, "Completed");
        assertNull(m.get(CallbackKind.COMPLETE, "p", "a"));
        assertThrows(IllegalArgumentException.class, () -> new CallbackMemory(-1));
    }
}
