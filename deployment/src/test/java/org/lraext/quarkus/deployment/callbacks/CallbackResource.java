package org.lraext.quarkus.deployment.callbacks;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;
import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_ENDED_CONTEXT_HEADER;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.lra.annotation.AfterLRA;
import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.Forget;
import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.eclipse.microprofile.lra.annotation.ParticipantStatus;
import org.eclipse.microprofile.lra.annotation.Status;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.eclipse.microprofile.lra.annotation.ws.rs.Leave;

/**
 * A participant with every callback; the answer of @Compensate is chosen per test.
 */
@Path("/cb")
public class CallbackResource {

    public static final List<String> COMPENSATED = new CopyOnWriteArrayList<>();
    public static final List<String> COMPLETED = new CopyOnWriteArrayList<>();
    public static final Map<String, String> AFTER = new ConcurrentHashMap<>();
    public static volatile ParticipantStatus compensateAnswer = ParticipantStatus.Compensated;

    @GET
    @Path("work")
    @LRA(value = LRA.Type.REQUIRED, end = false)
    public String work(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        return lra;
    }

    @PUT
    @Path("leave")
    @Leave
    public String leave(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        return "left " + lra;
    }

    @PUT
    @Path("compensate")
    @Compensate
    public ParticipantStatus compensate(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        COMPENSATED.add(lra);
        return compensateAnswer;
    }

    @PUT
    @Path("complete")
    @Complete
    public Response complete(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        COMPLETED.add(lra);
        return Response.ok().build();
    }

    @GET
    @Path("status")
    @Status
    public ParticipantStatus status() {
        return ParticipantStatus.Compensated;
    }

    @DELETE
    @Path("forget")
    @Forget
    public void forget() {
    }

    @PUT
    @Path("after")
    @AfterLRA
    public void after(@HeaderParam(LRA_HTTP_ENDED_CONTEXT_HEADER) String lra, String status) {
        AFTER.put(lra, LRAStatus.valueOf(status.trim()).name());
    }
}
