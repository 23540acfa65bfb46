package org.lraext.quarkus.runtime.internal;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;
import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_ENDED_CONTEXT_HEADER;
import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_PARENT_CONTEXT_HEADER;

import java.util.concurrent.CompletionStage;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.lraext.lra.protocol.CallbackKind;
import org.lraext.lra.protocol.CallbackSignatures;

import io.smallrye.common.annotation.Blocking;

/**
 * The HTTP face of participant callbacks that are plain CDI methods (MicroProfile LRA "non-JAX-RS participant
 * methods"): the join {@code Link} header points the coordinator here, and each call is handed to the
 * {@link CallbackHandler}, which guards, runs and records it as it does a JAX-RS callback. The filters leave these
 * endpoints alone. Added to the application only when it has such methods.
 */
@Path(LraParticipantProxy.PATH)
public class LraParticipantProxy {

    public static final String PATH = "lra-participant-proxy";

    @Inject
    CallbackHandler callbacks;

    @PUT
    @Path("{participant}/compensate")
    @Blocking
    public CompletionStage<Response> compensate(@PathParam("participant") String participant,
            @HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra, @HeaderParam(LRA_HTTP_PARENT_CONTEXT_HEADER) String parent,
            @QueryParam(CallbackSignatures.PARAMETER) String signature) {
        return callbacks.callPlain(participant, CallbackKind.COMPENSATE, lra, parent, null, signature);
    }

    @PUT
    @Path("{participant}/complete")
    @Blocking
    public CompletionStage<Response> complete(@PathParam("participant") String participant,
            @HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra, @HeaderParam(LRA_HTTP_PARENT_CONTEXT_HEADER) String parent,
            @QueryParam(CallbackSignatures.PARAMETER) String signature) {
        return callbacks.callPlain(participant, CallbackKind.COMPLETE, lra, parent, null, signature);
    }

    @GET
    @Path("{participant}/status")
    @Blocking
    public CompletionStage<Response> status(@PathParam("participant") String participant,
            @HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra, @HeaderParam(LRA_HTTP_PARENT_CONTEXT_HEADER) String parent,
            @QueryParam(CallbackSignatures.PARAMETER) String signature) {
        return callbacks.callPlain(participant, CallbackKind.STATUS, lra, parent, null, signature);
    }

    @DELETE
    @Path("{participant}/forget")
    @Blocking
    public CompletionStage<Response> forget(@PathParam("participant") String participant,
            @HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra, @HeaderParam(LRA_HTTP_PARENT_CONTEXT_HEADER) String parent,
            @QueryParam(CallbackSignatures.PARAMETER) String signature) {
        return callbacks.callPlain(participant, CallbackKind.FORGET, lra, parent, null, signature);
    }

    @PUT
    @Path("{participant}/after")
    @Blocking
    public CompletionStage<Response> after(@PathParam("participant") String participant,
            @HeaderParam(LRA_HTTP_ENDED_CONTEXT_HEADER) String lra,
            @QueryParam(CallbackSignatures.PARAMETER) String signature, String status) {
        return callbacks.callPlain(participant, CallbackKind.AFTER, lra, null, status, signature);
    }
}
