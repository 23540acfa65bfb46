package org.lraext.quarkus.deployment.devservices;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;

/** A participant that keeps the Authorization header each callback arrived with, by LRA. */
@Path("/secured-steps")
public class SecuredSteps {

    static final Map<String, String> COMPLETED = new ConcurrentHashMap<>();

    @POST
    @LRA(LRA.Type.REQUIRES_NEW)
    public String work(@HeaderParam(LRA.LRA_HTTP_CONTEXT_HEADER) URI lra) {
        return lra.toString();
    }

    @PUT
    @Path("complete")
    @Complete
    public Response complete(@HeaderParam(LRA.LRA_HTTP_CONTEXT_HEADER) URI lra,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        COMPLETED.put(lra.toString(), authorization == null ? "none" : authorization);
        return Response.ok().build();
    }

    @PUT
    @Path("compensate")
    @Compensate
    public Response compensate(@HeaderParam(LRA.LRA_HTTP_CONTEXT_HEADER) URI lra) {
        return Response.ok().build();
    }
}
