package org.lraext.quarkus.deployment.inheritance;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/** An endpoint without annotations of its own: its LRA and cancelOn come from its superclass. */
@Path("/refunds")
public class RefundResource extends CancellingBase {

    @GET
    @Path("decide")
    public Response decide(@QueryParam("status") int status) {
        return Response.status(status).build();
    }
}
