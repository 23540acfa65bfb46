package org.lraext.quarkus.test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.lra.annotation.LRAStatus;

/**
 * Fluent assertions on one LRA; start with {@link LraTesting#assertThatLra(String)}.
 */
public final class LraAssert {

    private final String lraId;
    private LraOutcome outcome;

    LraAssert(String lraId) {
        this.lraId = lraId;
    }

    /** Waits, at most {@code timeout}, for the LRA to end; fails naming its state and participants when it has not. */
    public LraAssert endsWithin(Duration timeout) {
        outcome = LraTesting.awaitEnd(lraId, timeout);
        return this;
    }

    /** The LRA ended Closed. */
    public LraAssert isClosed() {
        return hasStatus(LRAStatus.Closed);
    }

    /** The LRA ended Cancelled. */
    public LraAssert isCancelled() {
        return hasStatus(LRAStatus.Cancelled);
    }

    public LraAssert hasStatus(LRAStatus expected) {
        Optional<LRAStatus> actual = outcome().status();
        if (actual.isEmpty() || actual.get() != expected) {
            throw new AssertionError("LRA " + lraId + " expected to end " + expected + " but "
                    + actual.map(s -> "it is " + s).orElse("its final status is unknown") + "; "
                    + LraTesting.seen(lraId));
        }
        return this;
    }

    /** {@code @Complete} of that participant class was called exactly once. */
    public LraAssert completedOnce(Class<?> participant) {
        return called(participant, "complete", 1);
    }

    /** {@code @Compensate} of that participant class was called exactly once. */
    public LraAssert compensatedOnce(Class<?> participant) {
        return called(participant, "compensate", 1);
    }

    /** No participant of the application received {@code @Compensate}. */
    public LraAssert neverCompensated() {
        return never("compensate");
    }

    /** No participant of the application received {@code @Complete}. */
    public LraAssert neverCompleted() {
        return never("complete");
    }

    /** The callback {@code kind} ({@code complete}, {@code compensate}, ...) reached that class {@code times} times. */
    public LraAssert called(Class<?> participant, String kind, int times) {
        List<LraCallback> callbacks = LraTesting.callbacks(lraId);
        long count = callbacks.stream().filter(c -> c.is(participant, kind)).count();
        if (count != times) {
            throw new AssertionError("@" + capitalise(kind) + " on " + participant.getSimpleName() + " expected " + times
                    + " time(s) for LRA " + lraId + " but it was called " + count + " time(s); callbacks: " + callbacks);
        }
        return this;
    }

    /** Every callback the application received for this LRA answered with a 2xx status. */
    public LraAssert callbacksSucceeded() {
        for (LraCallback c : LraTesting.callbacks(lraId)) {
            if (c.status() / 100 != 2) {
                throw new AssertionError("Callback " + c + " for LRA " + lraId + " did not succeed");
            }
        }
        return this;
    }

    /** The outcome read by {@link #endsWithin(Duration)} (which must come first). */
    public LraOutcome outcome() {
        if (outcome == null) {
            throw new IllegalStateException("Call endsWithin(...) first: it waits for the LRA to end");
        }
        return outcome;
    }

    private LraAssert never(String kind) {
        List<LraCallback> callbacks = LraTesting.callbacks(lraId);
        if (callbacks.stream().anyMatch(c -> c.kind().equals(kind))) {
            throw new AssertionError("No @" + capitalise(kind) + " expected for LRA " + lraId + "; callbacks: " + callbacks);
        }
        return this;
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
