package org.lraext.quarkus.test;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;

@Path("/p")
public class Participant {

    @GET
    @Path("work")
    @LRA
    public Response work(@QueryParam("fail") boolean fail) {
        return Response.status(fail ? 500 : 200).build();
    }

    @GET
    @Path("open")
    @LRA(end = false)
    public String open(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
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
