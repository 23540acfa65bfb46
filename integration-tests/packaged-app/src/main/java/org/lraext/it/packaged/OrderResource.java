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
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;

/** A JAX-RS participant: an order placed in a new LRA, closed on 2xx, cancelled on 409. */
@Path("/orders")
public class OrderResource {

    @Inject
    Events events;
    @Inject
    @RestClient
    ShippingClient shipping;

    @POST
    @LRA(value = LRA.Type.REQUIRES_NEW, cancelOn = Response.Status.CONFLICT)
    public Response place(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra, @QueryParam("refuse") boolean refuse) {
        events.add(lra, "placed");
        return Response.status(refuse ? 409 : 201).entity(lra).build();
    }

    /** An order shipped by the shipping service, called through the REST Client within this order's LRA. */
    @POST
    @Path("shipped")
    @LRA(value = LRA.Type.REQUIRES_NEW, cancelOn = Response.Status.CONFLICT)
    public Response shipped(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra, @QueryParam("refuse") boolean refuse) {
        events.add(lra, "placed");
        String shippedIn = shipping.ship();
        return Response.status(refuse ? 409 : 201).entity(lra.equals(shippedIn) ? lra : "shipped in " + shippedIn)
                .build();
    }

    /** An order answered asynchronously: the LRA ends when the {@code Uni} completes. */
    @POST
    @Path("async")
    @LRA(value = LRA.Type.REQUIRES_NEW)
    public Uni<String> async(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        events.add(lra, "placed");
        return Uni.createFrom().item(lra);
    }

    /** A step nested in the caller's LRA: a child LRA, closed when the step returns. */
    @PUT
    @Path("nested")
    @LRA(value = LRA.Type.NESTED)
    public String nested(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra,
            @HeaderParam(LRA.LRA_HTTP_PARENT_CONTEXT_HEADER) String parent) {
        events.add(lra, "nested in " + parent);
        return lra;
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
