package org.lraext.lra.protocol;

import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;

/**
 * The table of MicroProfile LRA section "Type": what each {@link LRA.Type} does with or without an incoming LRA.
 */
public final class TypeRules {

    private TypeRules() {
    }

    /**
     * @param type the endpoint's {@code @LRA} type
     * @param incoming whether the request carries an LRA context
     * @return the action to take before the method runs
     */
    public static Action decide(LRA.Type type, boolean incoming) {
        return switch (type) {
            case REQUIRED -> incoming ? Action.JOIN : Action.START;
            case REQUIRES_NEW -> incoming ? Action.SUSPEND_AND_START : Action.START;
            case MANDATORY -> incoming ? Action.JOIN : Action.REJECT;
            case SUPPORTS -> incoming ? Action.JOIN : Action.RUN_OUTSIDE;
            case NOT_SUPPORTED -> incoming ? Action.SUSPEND : Action.RUN_OUTSIDE;
            case NEVER -> incoming ? Action.REJECT : Action.RUN_OUTSIDE;
            case NESTED -> incoming ? Action.START_NESTED : Action.START;
        };
    }

    /** The message a refused request gets, naming the endpoint's type. */
    public static String rejection(LRA.Type type, boolean incoming) {
        if (incoming) {
            return "This endpoint is @LRA(" + type + ") and must not be called inside an LRA, but the request carries "
                    + LraHeaders.CONTEXT;
        }
        return "This endpoint is @LRA(" + type + ") and must be called inside an LRA: send the "
                + LraHeaders.CONTEXT + " header";
    }
}
