package org.lraext.quarkus.deployment.inheritance;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;

/** A superclass with a class-level @LRA and the participant callbacks, inherited by the endpoint. */
@LRA(value = LRA.Type.MANDATORY, end = false)
public abstract class BaseParticipant {

    public static final List<String> COMPENSATED = new CopyOnWriteArrayList<>();
    public static final List<String> COMPLETED = new CopyOnWriteArrayList<>();

    @GET
    @Path("ship")
    public String ship(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        return String.valueOf(lra);
    }

    @PUT
    @Path("undo")
    @Compensate
    public Response undo(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        COMPENSATED.add(lra);
        return Response.ok().build();
    }

    @PUT
    @Path("done")
    @Complete
    public Response done(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        COMPLETED.add(lra);
        return Response.ok().build();
    }
}
