package org.lraext.it.packaged;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.ParticipantStatus;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;

/** A JAX-RS participant: an order placed in a new LRA, closed on 2xx, cancelled on 409. */
@Path("/orders")
public class OrderResource {

    @Inject
    Events events;

    @POST
    @LRA(value = LRA.Type.REQUIRES_NEW, cancelOn = Response.Status.CONFLICT)
    public Response place(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra, @QueryParam("refuse") boolean refuse) {
        events.add(lra, "placed");
        return Response.status(refuse ? 409 : 201).entity(lra).build();
    }

    /** Opens an LRA that stays active, for other participants to join. */
    @POST
    @Path("open")
    @LRA(value = LRA.Type.REQUIRES_NEW, end = false)
    public String open(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        events.add(lra, "opened");
        return lra;
    }

    /** Ends the LRA it is called in: closed, or cancelled with {@code refuse=true}. */
    @PUT
    @Path("finish")
    @LRA(value = LRA.Type.MANDATORY, cancelOn = Response.Status.CONFLICT)
    public Response finish(@QueryParam("refuse") boolean refuse) {
        return Response.status(refuse ? 409 : 200).build();
    }

    @PUT
    @Path("complete")
    @Complete
    public ParticipantStatus complete(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        events.add(lra, "completed");
        return ParticipantStatus.Completed;
    }

    @PUT
    @Path("compensate")
    @Compensate
    public ParticipantStatus compensate(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        events.add(lra, "compensated");
        return ParticipantStatus.Compensated;
    }

    @GET
    @Path("events")
    public String events(@QueryParam("lra") String lra) {
        // plain text: the application has no JSON extension, on purpose
        return String.join("\n", events.of(lra));
    }
}
