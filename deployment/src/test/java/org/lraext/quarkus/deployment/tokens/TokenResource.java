package org.lraext.quarkus.deployment.tokens;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;

/** A participant whose @LRA method starts, joins and closes an LRA: three coordinator calls per request. */
@Path("/tokens")
public class TokenResource {

    @POST
    @LRA(LRA.Type.REQUIRES_NEW)
    public String work() {
        return "done";
    }

    @PUT
    @Path("complete")
    @Complete
    public Response complete() {
        return Response.ok().build();
    }

    @PUT
    @Path("compensate")
    @Compensate
    public Response compensate() {
        return Response.ok().build();
    }
}
