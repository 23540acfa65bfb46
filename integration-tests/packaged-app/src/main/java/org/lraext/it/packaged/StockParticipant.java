package org.lraext.it.packaged;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.lra.annotation.AfterLRA;
import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.eclipse.microprofile.lra.annotation.ParticipantStatus;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;

import io.smallrye.mutiny.Uni;

/** A participant whose callbacks are plain methods: reached through the extension's proxy, called by build-time invokers. */
@ApplicationScoped
@Path("/stock")
public class StockParticipant {

    @Inject
    Events events;

    @POST
    @LRA(value = LRA.Type.MANDATORY, end = false)
    public String reserve(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        events.add(lra, "reserved");
        return lra;
    }

    @Complete
    public ParticipantStatus complete(URI lra) {
        events.add(lra.toString(), "stock completed");
        return ParticipantStatus.Completed;
    }

    @Compensate
    public Uni<ParticipantStatus> compensate(URI lra, URI parent) {
        events.add(lra.toString(), "stock compensated");
        return Uni.createFrom().item(ParticipantStatus.Compensated);
    }

    @AfterLRA
    public void after(URI lra, LRAStatus status) {
        events.add(lra.toString(), "after " + status);
    }
}
