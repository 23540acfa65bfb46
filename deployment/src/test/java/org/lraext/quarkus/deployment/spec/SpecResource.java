package org.lraext.quarkus.deployment.spec;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.ParticipantStatus;
import org.eclipse.microprofile.lra.annotation.Status;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;

import io.smallrye.mutiny.Uni;

/**
 * Time limits, class-level cancelOn, Mutiny endpoints and callbacks, and asynchronous completion (202, then @Status).
 */
@Path("/spec")
@LRA(value = LRA.Type.REQUIRED, cancelOn = Response.Status.ACCEPTED, cancelOnFamily = {})
public class SpecResource {

    public static final List<String> COMPLETED = new CopyOnWriteArrayList<>();
    public static final List<String> COMPENSATED = new CopyOnWriteArrayList<>();
    /** LRAs whose @Complete answers 202 the first time: the coordinator must ask @Status. */
    public static final Set<String> SLOW = ConcurrentHashMap.newKeySet();

    /** Class-level @LRA: a 202 cancels (cancelOn), anything else closes. */
    @GET
    @Path("class-level")
    public Response classLevel(@HeaderParam("X-Status") int status) {
        return Response.status(status).build();
    }

    @GET
    @Path("short")
    @LRA(value = LRA.Type.REQUIRED, end = false, timeLimit = 300, timeUnit = ChronoUnit.MILLIS)
    public String shortLived(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        return lra;
    }

    @GET
    @Path("uni")
    @LRA(LRA.Type.REQUIRED)
    public Uni<String> uni(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        return Uni.createFrom().item(lra);
    }

    @GET
    @Path("slow")
    @LRA(value = LRA.Type.REQUIRED, end = false)
    public String slow(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        SLOW.add(lra);
        return lra;
    }

    @PUT
    @Path("complete")
    @Complete
    public Uni<Response> complete(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        if (SLOW.remove(lra)) {
            return Uni.createFrom().item(Response.accepted().build());
        }
        COMPLETED.add(lra);
        return Uni.createFrom().item(Response.ok().build());
    }

    @PUT
    @Path("compensate")
    @Compensate
    public Uni<Response> compensate(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        COMPENSATED.add(lra);
        return Uni.createFrom().item(Response.ok().build());
    }

    @GET
    @Path("status")
    @Status
    public ParticipantStatus status(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        COMPLETED.add(lra);
        return ParticipantStatus.Completed;
    }
}
