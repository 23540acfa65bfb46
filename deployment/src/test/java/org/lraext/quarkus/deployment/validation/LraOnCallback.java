package org.lraext.quarkus.deployment.validation;

import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.Status;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;

/** A participant with a mistake, for the build-error tests. */
@Path("/lra-on-callback")
public class LraOnCallback {
    @PUT
    @Path("compensate")
    @Compensate
    @LRA(LRA.Type.MANDATORY)
    public Response undo() {
        return Response.ok().build();
    }
}
