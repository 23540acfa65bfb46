package org.lraext.it.packaged;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.ParticipantStatus;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;

import io.smallrye.mutiny.Uni;

/**
 * A second participant, reached by the orders over the REST Client: it joins the LRA the call carries; its callbacks
 * are {@code Uni}s.
 */
@Path("/shipping")
public class ShippingResource {

    @Inject
    Events events;

    @POST
    @LRA(value = LRA.Type.MANDATORY, end = false)
    public String ship(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        events.add(lra, "shipping booked");
        return lra;
    }

    @PUT
    @Path("complete")
    @Complete
    public Uni<ParticipantStatus> complete(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        events.add(lra, "shipping completed");
        return Uni.createFrom().item(ParticipantStatus.Completed);
    }

    @PUT
    @Path("compensate")
    @Compensate
    public Uni<ParticipantStatus> compensate(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        events.add(lra, "shipping compensated");
        return Uni.createFrom().item(ParticipantStatus.Compensated);
    }
}
