package org.lraext.quarkus.deployment.inheritance;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;

/** A superclass whose class-level @LRA carries cancelOn: a 409 from any inheriting endpoint cancels. */
@LRA(value = LRA.Type.REQUIRED, cancelOn = Response.Status.CONFLICT, cancelOnFamily = {})
public abstract class CancellingBase {

    public static final List<String> COMPENSATED = new CopyOnWriteArrayList<>();
    public static final List<String> COMPLETED = new CopyOnWriteArrayList<>();

    @PUT
    @Path("compensate")
    @Compensate
    public Response compensate(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        COMPENSATED.add(lra);
        return Response.ok().build();
    }

    @PUT
    @Path("complete")
    @Complete
    public Response complete(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        COMPLETED.add(lra);
        return Response.ok().build();
    }
}
