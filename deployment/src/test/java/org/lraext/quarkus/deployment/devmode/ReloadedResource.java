package org.lraext.quarkus.deployment.devmode;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;

/** A participant whose LRA settings the dev-mode test edits. */
@Path("/reloaded")
public class ReloadedResource {

    @GET
    @LRA(value = LRA.Type.REQUIRES_NEW, end = false)
    public String work(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        return lra;
    }

    @PUT
    @Path("compensate")
    @Compensate
    public Response compensate() {
        return Response.ok().build();
    }
}
