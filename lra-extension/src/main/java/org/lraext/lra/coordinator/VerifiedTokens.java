package org.lraext.lra.coordinator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the verification of bearer tokens found, kept so that a token that comes again and again (a service's token on
 * every coordinator call, the coordinator's token on every callback) is verified once rather than on every request.
 * An entry lives until the token expires and at most {@link #MAX_AGE_MILLIS} (so that a key withdrawn from a JWKS
 * stops being honoured within that time); a refused token is never kept. At most {@link #MAX_TOKENS} are kept; beyond,
 * tokens are simply verified every time.
 *
 * @param <T> what a verification found (an identity)
 */
public final class VerifiedTokens<T> {

    public static final long MAX_AGE_MILLIS = 60_000;
    public static final int MAX_TOKENS = 10_000;

    private record Verified<T>(T found, long untilMillis) {
    }

    private final Map<String, Verified<T>> tokens = new ConcurrentHashMap<>();

    /** What the verification of this token found, when it is still to be trusted at {@code nowMillis}; else null. */
    public T get(String token, long nowMillis) {
        Verified<T> known = tokens.get(token);
        if (known == null) {
            return null;
        }
        if (known.untilMillis() > nowMillis) {
            return known.found();
        }
        tokens.remove(token, known);
        return null;
    }

    /**
     * Keeps what a successful verification at {@code nowMillis} found.
     *
     * @param expiresAtSeconds the token's {@code exp}; a token without one (0 or less) is not kept
     */
    public void put(String token, T found, long expiresAtSeconds, long nowMillis) {
        if (expiresAtSeconds <= 0 || found == null) {
            return;
        }
        long until = Math.min(expiresAtSeconds * 1000, nowMillis + MAX_AGE_MILLIS);
        if (until <= nowMillis) {
            return;
        }
        if (tokens.size() >= MAX_TOKENS) {
            tokens.values().removeIf(v -> v.untilMillis() <= nowMillis);
            if (tokens.size() >= MAX_TOKENS) {
                return;
            }
        }
        tokens.put(token, new Verified<>(found, until));
    }

    /** How many are kept. */
    public int size() {
        return tokens.size();
    }
}
