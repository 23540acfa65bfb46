package org.lraext.lra.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final long NOW = 1_800_000_000_000L;

    @Test
    void aTokenIsKeptUntilItExpires() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>();
        long exp = NOW / 1000 + 30;
        tokens.put("t", "ada", exp, NOW);
        assertEquals("ada", tokens.get("t", NOW + 29_000));
        assertNull(tokens.get("t", NOW + 30_000), "expired");
        assertEquals(0, tokens.size(), "an expired entry is dropped when it is asked for");
    }

    @Test
    void aLongLivedTokenIsVerifiedAgainAfterAMinute() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>();
        tokens.put("t", "ada", NOW / 1000 + 86_400, NOW);
        assertEquals("ada", tokens.get("t", NOW + VerifiedTokens.MAX_AGE_MILLIS - 1));
        assertNull(tokens.get("t", NOW + VerifiedTokens.MAX_AGE_MILLIS));
    }

    @Test
    void tokensWithoutExpiryOrAlreadyExpiredAreNotKept() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>();
        tokens.put("none", "ada", 0, NOW);
        tokens.put("past", "ada", NOW / 1000 - 1, NOW);
        assertNull(tokens.get("none", NOW));
        assertNull(tokens.get("past", NOW));
        assertNull(tokens.get("unknown", NOW));
    }

    @Test
    void atMostSoManyAreKeptAndExpiredOnesMakeRoom() {
        VerifiedTokens<Integer> tokens = new VerifiedTokens<>();
        for (int i = 0; i < VerifiedTokens.MAX_TOKENS; i++) {
            tokens.put("t" + i, i, NOW / 1000 + 10, NOW);
        }
        tokens.put("one-more", -1, NOW / 1000 + 10, NOW);
        assertNull(tokens.get("one-more", NOW), "full: verified every time instead");
        assertEquals(VerifiedTokens.MAX_TOKENS, tokens.size());
        tokens.put("later", -2, NOW / 1000 + 100, NOW + 20_000);
        assertEquals(-2, tokens.get("later", NOW + 20_000), "the expired ones were dropped to make room");
        assertEquals(1, tokens.size());
    }
}
