package org.lraext.quarkus.deployment.nonjaxrs;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.ParticipantStatus;
import org.eclipse.microprofile.lra.annotation.Status;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;

/** Plain callbacks that answer with a {@link Response} holding a {@link ParticipantStatus}. */
@Path("/responses")
public class ResponseParticipant {

    @GET
    @LRA(value = LRA.Type.REQUIRES_NEW, end = false)
    public String work() {
        return "ok";
    }

    @Compensate
    public Response compensate(URI lra) {
        return Response.ok(ParticipantStatus.FailedToCompensate).build();
    }

    @Status
    public Response status(URI lra) {
        return Response.ok(ParticipantStatus.Compensating).build();
    }
}
