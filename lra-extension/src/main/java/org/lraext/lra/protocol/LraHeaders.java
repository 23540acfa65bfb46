package org.lraext.lra.protocol;

import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;

/**
 * The HTTP headers of the LRA protocol, as the MicroProfile LRA API names them.
 */
public final class LraHeaders {

    /** The LRA a request runs in, and the LRA a response was produced in. */
    public static final String CONTEXT = LRA.LRA_HTTP_CONTEXT_HEADER;
    /** The parent of a nested LRA, sent by the coordinator on callbacks. */
    public static final String PARENT = LRA.LRA_HTTP_PARENT_CONTEXT_HEADER;
    /** The participant's recovery URL, sent by the coordinator on callbacks. */
    public static final String RECOVERY = LRA.LRA_HTTP_RECOVERY_HEADER;
    /** Set on a response when the LRA was ended by that request. */
    public static final String ENDED = LRA.LRA_HTTP_ENDED_CONTEXT_HEADER;

    private LraHeaders() {
    }
}
