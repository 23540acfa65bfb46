package org.lraext.quarkus.runtime.internal;

import java.net.URI;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.lraext.quarkus.runtime.LraConfigKeys;
import org.lraext.lra.protocol.CallbackKind;
import org.lraext.lra.protocol.CallbackMemory;
import org.lraext.lra.protocol.CallbackSignatures;
import org.lraext.lra.protocol.InvalidLraIdException;
import org.lraext.lra.protocol.LraIds;

/**
 * What every participant callback passes before its method runs, whether it is a JAX-RS method or a plain one called
 * through the proxy: the LRA must be one of a trusted coordinator, the callback must be signed when signing is on,
 * and a repeated delivery of a finished complete/compensate is answered from memory.
 */
public final class CallbackGuard {

    private final LraIds ids;
    private final CallbackSignatures signatures;
    private final CallbackMemory memory;

    /** @param signatures null when callbacks are not signed */
    CallbackGuard(LraIds ids, CallbackSignatures signatures, CallbackMemory memory) {
        this.ids = ids;
        this.signatures = signatures;
        this.memory = memory;
    }

    /** Whether callbacks must be signed (then the signature query parameter is worth reading). */
    boolean signs() {
        return signatures != null;
    }

    /** The query string to add to the callback URLs of one join, or null when callbacks are not signed. */
    String signedQuery(URI lra, String participant) {
        return signatures == null ? null
                : CallbackSignatures.PARAMETER + '=' + signatures.sign(lra.toString(), participant);
    }

    /**
     * The answer that stops this callback before its method runs, or null to let it run.
     *
     * @param lra the LRA the callback names (for {@code @AfterLRA}, the ended LRA), or null when it names none
     * @param signature the signature query parameter, or null
     */
    Response check(CallbackKind kind, String participant, String lra, String signature) {
        if (lra != null) {
            try {
                ids.parse(lra);
            } catch (InvalidLraIdException e) {
                return text(e.status(), "Refused " + kind.annotationSimpleName() + " callback: " + e.getMessage());
            }
        }
        if (signatures != null && !signatures.verify(signature, lra, participant)) {
            return text(403, "Refused " + kind.annotationSimpleName() + " callback for " + participant + ": "
                    + (signature == null ? "it is not signed" : "its signature does not match the LRA " + lra)
                    + " (" + LraConfigKeys.SIGNING_KEY + " is set: only the coordinator can call callbacks)");
        }
        CallbackMemory.Answer answered = memory.get(kind, participant, lra);
        if (answered != null) {
            return Response.status(answered.status()).type(MediaType.TEXT_PLAIN_TYPE).entity(answered.body())
                    .header("LRA-Callback-Repeated", "true").build();
        }
        return null;
    }

    /** Notes the answer a callback's method gave. */
    void answered(CallbackKind kind, String participant, String lra, int status, Object entity) {
        if (CallbackMemory.remembers(kind) && status == 200) {
            memory.put(kind, participant, lra, status, entity == null ? "" : entity.toString());
        }
    }

    private static Response text(int status, String message) {
        return Response.status(status).type(MediaType.TEXT_PLAIN_TYPE).entity(message).build();
    }
}
