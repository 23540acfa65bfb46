package org.lraext.quarkus.deployment.failure;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;

/**
 * Endpoints that wait, while their LRA is active, until the test lets them go: the test's client disconnects
 * meanwhile.
 */
@Path("/hold")
public class DisconnectResource {

    /** The LRA each waiting request runs in, by the request's tag. */
    public static final Map<String, String> RUNNING = new ConcurrentHashMap<>();
    public static final Map<String, CountDownLatch> RELEASE = new ConcurrentHashMap<>();
    public static final List<String> COMPLETED = new CopyOnWriteArrayList<>();
    public static final List<String> COMPENSATED = new CopyOnWriteArrayList<>();

    private static Response hold(String tag, String lra, int status) throws InterruptedException {
        CountDownLatch release = RELEASE.computeIfAbsent(tag, t -> new CountDownLatch(1));
        RUNNING.put(tag, lra);
        // bounded: the test releases it, or it gives up after 30 s
        release.await(30, TimeUnit.SECONDS);
        return Response.status(status).entity(lra).build();
    }

    @GET
    @Path("ok")
    @LRA(LRA.Type.REQUIRES_NEW)
    public Response ok(@QueryParam("tag") String tag, @HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra)
            throws InterruptedException {
        return hold(tag, lra, 200);
    }

    @GET
    @Path("conflict")
    @LRA(value = LRA.Type.REQUIRES_NEW, cancelOn = Response.Status.CONFLICT)
    public Response conflict(@QueryParam("tag") String tag, @HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra)
            throws InterruptedException {
        return hold(tag, lra, 409);
    }

    @GET
    @Path("boom")
    @LRA(LRA.Type.REQUIRES_NEW)
    public Response boom(@QueryParam("tag") String tag, @HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra)
            throws InterruptedException {
        hold(tag, lra, 200);
        throw new IllegalStateException("business failure after the client left");
    }

    @PUT
    @Path("complete")
    @Complete
    public Response complete(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        COMPLETED.add(lra);
        return Response.ok().build();
    }

    @PUT
    @Path("compensate")
    @Compensate
    public Response compensate(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        COMPENSATED.add(lra);
        return Response.ok().build();
    }
}
