package org.lraext.quarkus.runtime.internal;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;
import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_ENDED_CONTEXT_HEADER;
import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_PARENT_CONTEXT_HEADER;

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
import io.smallrye.mutiny.Uni;

/**
 * The HTTP face of participant callbacks that are plain CDI methods (MicroProfile LRA "non-JAX-RS participant
 * methods"): the join {@code Link} header points the coordinator here, and each call is handed to the participant's
 * method on its bean. Added to the application only when it has such methods.
 */
@Path(LraParticipantProxy.PATH)
public class LraParticipantProxy {

    public static final String PATH = "lra-participant-proxy";

    @Inject
    NonJaxRsCallbacks callbacks;
    @Inject
    CallbackGuard guard;
    @Inject
    LraMetrics metrics;

    private Uni<Response> call(String participant, CallbackKind kind, String lra, String parent, String body,
            String signature) {
        Response stop = guard.check(kind, participant, lra, signature);
        if (stop != null) {
            return Uni.createFrom().item(stop);
        }
        return callbacks.invoke(participant, kind, lra, parent, body)
                .invoke(r -> {
                    guard.answered(kind, participant, lra, r.getStatus(), r.getEntity());
                    metrics.callback(kind, r.getStatus());
                });
    }

    @PUT
    @Path("{participant}/compensate")
    @Blocking
    public Uni<Response> compensate(@PathParam("participant") String participant,
            @HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra, @HeaderParam(LRA_HTTP_PARENT_CONTEXT_HEADER) String parent,
            @QueryParam(CallbackSignatures.PARAMETER) String signature) {
        return call(participant, CallbackKind.COMPENSATE, lra, parent, null, signature);
    }

    @PUT
    @Path("{participant}/complete")
    @Blocking
    public Uni<Response> complete(@PathParam("participant") String participant,
            @HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra, @HeaderParam(LRA_HTTP_PARENT_CONTEXT_HEADER) String parent,
            @QueryParam(CallbackSignatures.PARAMETER) String signature) {
        return call(participant, CallbackKind.COMPLETE, lra, parent, null, signature);
    }

    @GET
    @Path("{participant}/status")
    @Blocking
    public Uni<Response> status(@PathParam("participant") String participant,
            @HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra, @HeaderParam(LRA_HTTP_PARENT_CONTEXT_HEADER) String parent,
            @QueryParam(CallbackSignatures.PARAMETER) String signature) {
        return call(participant, CallbackKind.STATUS, lra, parent, null, signature);
    }

    @DELETE
    @Path("{participant}/forget")
    @Blocking
    public Uni<Response> forget(@PathParam("participant") String participant,
            @HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra, @HeaderParam(LRA_HTTP_PARENT_CONTEXT_HEADER) String parent,
            @QueryParam(CallbackSignatures.PARAMETER) String signature) {
        return call(participant, CallbackKind.FORGET, lra, parent, null, signature);
    }

    @PUT
    @Path("{participant}/after")
    @Blocking
    public Uni<Response> after(@PathParam("participant") String participant,
            @HeaderParam(LRA_HTTP_ENDED_CONTEXT_HEADER) String lra,
            @QueryParam(CallbackSignatures.PARAMETER) String signature, String status) {
        return call(participant, CallbackKind.AFTER, lra, null, status, signature);
    }
}
