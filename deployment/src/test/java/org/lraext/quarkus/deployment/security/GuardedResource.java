package org.lraext.quarkus.deployment.security;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;
import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_ENDED_CONTEXT_HEADER;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.lra.annotation.AfterLRA;
import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.ParticipantStatus;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.eclipse.microprofile.lra.annotation.ws.rs.Leave;

/** A participant whose callbacks record every time their business code runs. */
@Path("/guarded")
public class GuardedResource {

    public static final List<String> COMPENSATED = new CopyOnWriteArrayList<>();
    public static final List<String> COMPLETED = new CopyOnWriteArrayList<>();
    public static final List<String> AFTER = new CopyOnWriteArrayList<>();

    @GET
    @Path("work")
    @LRA(end = false)
    public String work(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        return lra;
    }

    @PUT
    @Path("leave")
    @Leave
    public String leave(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        return lra;
    }

    @PUT
    @Path("compensate")
    @Compensate
    public ParticipantStatus compensate(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        COMPENSATED.add(lra);
        return ParticipantStatus.Compensated;
    }

    @PUT
    @Path("complete")
    @Complete
    public ParticipantStatus complete(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        COMPLETED.add(lra);
        return ParticipantStatus.Completed;
    }

    @PUT
    @Path("after")
    @AfterLRA
    public void after(@HeaderParam(LRA_HTTP_ENDED_CONTEXT_HEADER) String lra) {
        AFTER.add(lra);
    }

    public static long count(List<String> calls, String lra) {
        return calls.stream().filter(lra::equals).count();
    }
}
