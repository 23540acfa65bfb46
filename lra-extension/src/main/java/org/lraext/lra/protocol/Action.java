package org.lraext.lra.protocol;

/**
 * What an {@code @LRA} endpoint does with the LRA context before its method runs.
 */
public enum Action {
    /** Start a new top-level LRA and run the method in it. */
    START,
    /** Run the method in the incoming LRA (and enlist the participant, if the class is one). */
    JOIN,
    /** Start a new LRA as a child of the incoming one. */
    START_NESTED,
    /** Put the incoming LRA aside, start a new top-level LRA; the incoming one is untouched. */
    SUSPEND_AND_START,
    /** Put the incoming LRA aside and run the method outside any LRA. */
    SUSPEND,
    /** Run the method outside any LRA; there is none on the request. */
    RUN_OUTSIDE,
    /** Refuse the request with 412 Precondition Failed. */
    REJECT
}
