package org.lraext.lra.coordinator;

/**
 * The two ways to end an LRA.
 */
public enum LraEnd {
    CLOSE("close", "closed"),
    CANCEL("cancel", "cancelled");

    private final String operation;
    private final String done;

    LraEnd(String operation, String done) {
        this.operation = operation;
        this.done = done;
    }

    /** {@code true} for {@link #CANCEL}. */
    public static LraEnd of(boolean cancel) {
        return cancel ? CANCEL : CLOSE;
    }

    /** The coordinator's operation and the verb: {@code close}, {@code cancel}. */
    public String operation() {
        return operation;
    }

    /** {@code closed}, {@code cancelled}. */
    public String done() {
        return done;
    }
}
