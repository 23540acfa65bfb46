package org.lraext.lra.coordinator;

import java.net.URI;

/**
 * An LRA begun for a participant.
 *
 * @param lra the LRA's id
 * @param recovery the participant's recovery URL, or null (none given, or nobody joined)
 * @param joined whether a participant was joined
 */
public record Enlistment(URI lra, URI recovery, boolean joined) {
}
