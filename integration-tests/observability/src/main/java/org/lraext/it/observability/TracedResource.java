package org.lraext.it.observability;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;

/** One LRA per request, closed when the method returns: the coordinator calls @Complete before the answer. */
@Path("/traced")
public class TracedResource {

    @GET
    @LRA(LRA.Type.REQUIRES_NEW)
    public String work(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        return lra;
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
