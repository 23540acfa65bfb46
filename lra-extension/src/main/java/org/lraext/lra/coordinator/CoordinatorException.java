package org.lraext.lra.coordinator;

/**
 * A coordinator operation that failed, with the HTTP status the participant's caller should see.
 */
public class CoordinatorException extends RuntimeException {

    private final int status;
    private final int answered;

    public CoordinatorException(int status, String message, Throwable cause) {
        this(status, 0, message, cause);
    }

    CoordinatorException(int status, int answered, String message, Throwable cause) {
        super(message, cause, false, false);
        this.status = status;
        this.answered = answered;
    }

    /** 503 when the coordinator could not be reached or failed; 412 when the LRA is not active; else its answer. */
    public int status() {
        return status;
    }

    /** The HTTP status the coordinator answered, or 0 when it did not answer (or the call was never made). */
    public int answered() {
        return answered;
    }
}
