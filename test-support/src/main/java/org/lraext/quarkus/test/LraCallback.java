package org.lraext.quarkus.test;

import java.time.Duration;

import org.lraext.lra.protocol.ClassNames;

/**
 * One callback a participant of the application under test received for an LRA.
 *
 * @param order its position among everything the application saw of this LRA (1-based)
 * @param participant the participant class's name
 * @param kind {@code compensate}, {@code complete}, {@code status}, {@code forget} or {@code after}
 * @param status the HTTP status the callback answered with
 * @param duration how long it took
 */
public record LraCallback(int order, String participant, String kind, int status, Duration duration) {

    /** Whether this callback is the given kind on the given participant class. */
    public boolean is(Class<?> participantClass, String callbackKind) {
        return participant.equals(participantClass.getName()) && kind.equals(callbackKind);
    }

    @Override
    public String toString() {
        String simple = ClassNames.simple(participant);
        return "#" + order + " " + simple + " @" + kind + " -> " + status + " in " + duration.toMillis() + " ms";
    }
}
