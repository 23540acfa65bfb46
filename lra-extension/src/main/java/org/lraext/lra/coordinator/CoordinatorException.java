package org.lraext.lra.coordinator;

/**
 * A coordinator operation that failed, with the HTTP status the participant's caller should see.
 */
public class CoordinatorException extends RuntimeException {

    private final int status;

    public CoordinatorException(int status, String message, Throwable cause) {
        super(message, cause, false, false);
        this.status = status;
    }

    /** 503 when the coordinator could not be reached or failed; 412 when the LRA is not active; else its answer. */
    public int status() {
        return status;
    }
}
