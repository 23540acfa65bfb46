package org.lraext.lra.protocol;

/**
 * An LRA id from a request that cannot be used: malformed (400) or of an untrusted coordinator (403).
 */
public class InvalidLraIdException extends RuntimeException {

    private final int status;

    public InvalidLraIdException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** The HTTP status the request is refused with. */
    public int status() {
        return status;
    }
}
