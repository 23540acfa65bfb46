package org.lraext.lra.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class CallbackSignaturesTest {

    private static final String KEY = "0123456789abcdef0123456789abcdef";
    private static final String OLD = "fedcba9876543210fedcba9876543210";
    private static final String LRA = "http://localhost:50000/lra-coordinator/0_ffff7f000001_1";

    @Test
    void signatureBindsLraAndParticipant() {
        CallbackSignatures s = new CallbackSignatures(KEY, List.of());
        String sig = s.sign(LRA, "com.example.Hotel");
        assertTrue(sig.matches("[A-Za-z0-9_-]{43}"), sig);
        assertEquals(sig, s.sign(LRA, "com.example.Hotel"), "deterministic");
        assertTrue(s.verify(sig, LRA, "com.example.Hotel"));
        assertFalse(s.verify(sig, LRA + "2", "com.example.Hotel"), "replayed for another LRA");
        assertFalse(s.verify(sig, LRA, "com.example.Flight"), "replayed for another participant");
        assertNotEquals(sig, new CallbackSignatures(OLD, List.of()).sign(LRA, "com.example.Hotel"));
    }

    @Test
    void garbageIsRefusedNotThrown() {
        CallbackSignatures s = new CallbackSignatures(KEY, List.of());
        assertFalse(s.verify(null, LRA, "p"));
        assertFalse(s.verify("", LRA, "p"));
        assertFalse(s.verify("!!not base64!!", LRA, "p"));
        assertFalse(s.verify("A".repeat(10_000), LRA, "p"));
        assertFalse(s.verify(s.sign(LRA, "p"), null, "p"));
    }

    @Test
    void rotationAcceptsPreviousKeysAndSignsWithTheNewOne() {
        String oldSignature = new CallbackSignatures(OLD, List.of()).sign(LRA, "p");
        CallbackSignatures rotated = new CallbackSignatures(KEY, List.of(OLD));
        assertTrue(rotated.verify(oldSignature, LRA, "p"), "joined before the rotation");
        assertEquals(new CallbackSignatures(KEY, List.of()).sign(LRA, "p"), rotated.sign(LRA, "p"));
        assertFalse(new CallbackSignatures(KEY, List.of()).verify(oldSignature, LRA, "p"), "old key retired");
    }

    @Test
    void shortKeysAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CallbackSignatures("secret", List.of()));
        assertTrue(e.getMessage().contains("at least 32"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CallbackSignatures(KEY, List.of("short")));
        assertTrue(e.getMessage().contains("previous signing key #1"), e.getMessage());
    }
}
