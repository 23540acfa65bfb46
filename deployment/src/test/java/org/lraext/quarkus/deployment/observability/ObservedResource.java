package org.lraext.quarkus.deployment.observability;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.jboss.logging.MDC;

import io.smallrye.mutiny.Uni;

/** Answers with the LRA id the logging MDC holds while the method runs, next to the one in the header. */
@Path("/observed")
public class ObservedResource {

    @GET
    @Path("blocking")
    @LRA(LRA.Type.REQUIRES_NEW)
    public String blocking(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        return MDC.get("lraId") + "|" + lra;
    }

    @GET
    @Path("reactive")
    @LRA(LRA.Type.REQUIRES_NEW)
    public Uni<String> reactive(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        return Uni.createFrom().item(() -> MDC.get("lraId") + "|" + lra);
    }

    @GET
    @Path("refused")
    @LRA(LRA.Type.REQUIRES_NEW)
    public Response refused() {
        return Response.status(409).build();
    }

    @GET
    @Path("outside")
    public String outside() {
        return String.valueOf(MDC.get("lraId"));
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
