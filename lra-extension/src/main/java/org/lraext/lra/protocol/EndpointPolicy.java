package org.lraext.lra.protocol;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;

/**
 * The effective {@code @LRA} settings of one endpoint, resolved at build time.
 *
 * @param type the LRA type
 * @param end whether the LRA the method ran in is closed when it returns
 * @param cancelOn status codes that cancel the LRA (sorted)
 * @param cancelOnFamily status families that cancel the LRA
 * @param timeLimitMillis the LRA's time limit, 0 for none
 */
public record EndpointPolicy(LRA.Type type, boolean end, int[] cancelOn, Set<Response.Status.Family> cancelOnFamily,
        long timeLimitMillis) {

    /** The spec's default for {@code cancelOnFamily}: client and server errors. */
    public static final Set<Response.Status.Family> DEFAULT_CANCEL_FAMILIES = Set.of(Response.Status.Family.CLIENT_ERROR,
            Response.Status.Family.SERVER_ERROR);

    public EndpointPolicy {
        Objects.requireNonNull(type, "type");
        cancelOn = cancelOn == null ? new int[0] : cancelOn.clone();
        Arrays.sort(cancelOn);
        cancelOnFamily = cancelOnFamily == null || cancelOnFamily.isEmpty() ? Set.of()
                : Set.copyOf(EnumSet.copyOf(cancelOnFamily));
        if (timeLimitMillis < 0) {
            throw new IllegalArgumentException("timeLimit must not be negative: " + timeLimitMillis);
        }
    }

    /** Whether a response with this status code cancels the LRA the method ran in. */
    public boolean cancels(int status) {
        return Arrays.binarySearch(cancelOn, status) >= 0 || cancelOnFamily.contains(Response.Status.Family.familyOf(status));
    }

    /**
     * What to do with the LRA the method ran in once the response status is known.
     */
    public Outcome outcome(int status) {
        if (cancels(status)) {
            return Outcome.CANCEL;
        }
        return end ? Outcome.CLOSE : Outcome.KEEP;
    }

    /** The end of an endpoint's LRA, decided from the response. */
    public enum Outcome {
        CLOSE,
        CANCEL,
        KEEP
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EndpointPolicy p && p.type == type && p.end == end && Arrays.equals(p.cancelOn, cancelOn)
                && p.cancelOnFamily.equals(cancelOnFamily) && p.timeLimitMillis == timeLimitMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, end, Arrays.hashCode(cancelOn), cancelOnFamily, timeLimitMillis);
    }

    @Override
    public String toString() {
        return "@LRA(" + type + ", end=" + end + ", cancelOn=" + Arrays.toString(cancelOn) + ", cancelOnFamily="
                + cancelOnFamily + ", timeLimit=" + timeLimitMillis + "ms)";
    }
}
