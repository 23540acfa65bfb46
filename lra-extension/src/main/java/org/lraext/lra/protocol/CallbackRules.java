package org.lraext.lra.protocol;

import org.eclipse.microprofile.lra.annotation.ParticipantStatus;

/**
 * How a participant callback's result becomes the HTTP answer the coordinator understands (MicroProfile LRA,
 * "JAX-RS participant methods").
 */
public final class CallbackRules {

    private CallbackRules() {
    }

    /**
     * The status code for a callback method that produced this {@link ParticipantStatus}.
     * <ul>
     * <li>Completed / Compensated: 200, done.</li>
     * <li>Completing / Compensating / Active: 202, still working; the coordinator asks {@code @Status} later.</li>
     * <li>FailedToComplete / FailedToCompensate: 409 with the status name, as the specification says.</li>
     * </ul>
     */
    public static int statusCode(ParticipantStatus status) {
        return switch (status) {
            case Completed, Compensated -> 200;
            case Active, Completing, Compensating -> 202;
            case FailedToComplete, FailedToCompensate -> 409;
        };
    }

    /**
     * The status code a callback answer is sent with. The coordinator takes only 200 as success for
     * {@code @AfterLRA} and {@code @Forget}, so a 204 from a {@code void} method becomes 200; every other code is left
     * as the method chose it.
     */
    public static int answerCode(CallbackKind kind, int status) {
        if (status == 204 && kind != CallbackKind.LEAVE) {
            return 200;
        }
        return status;
    }
}
