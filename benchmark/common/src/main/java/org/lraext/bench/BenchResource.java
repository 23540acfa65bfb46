package org.lraext.bench;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The benchmark's participant, compiled unchanged into both applications (this extension and the anchor,
 * quarkus-narayana-lra): each request starts an LRA and closes it, and the participant's @Complete runs.
 */
@Path("/bench")
public class BenchResource {

    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong compensated = new AtomicLong();

    @Inject
    @RestClient
    NextHop next;

    /** Scenario "single": one participant, one LRA per request. */
    @POST
    @Path("single")
    @LRA(LRA.Type.REQUIRED)
    public String single(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        return "ok";
    }

    /** Scenario "chain", first hop: starts the LRA and calls the second service inside it. */
    @POST
    @Path("chain")
    @LRA(LRA.Type.REQUIRED)
    public String chain(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        return next.join();
    }

    /** Scenario "chain", second hop: joins the caller's LRA. */
    @POST
    @Path("join")
    @LRA(value = LRA.Type.MANDATORY, end = false)
    public String join(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        return "joined";
    }

    @PUT
    @Path("complete")
    @Complete
    public Response complete(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        completed.incrementAndGet();
        return Response.ok().build();
    }

    @PUT
    @Path("compensate")
    @Compensate
    public Response compensate(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        compensated.incrementAndGet();
        return Response.ok().build();
    }

    /** Callback counts, for the correctness checks: "completed compensated". */
    @GET
    @Path("counts")
    public String counts() {
        return completed.get() + " " + compensated.get();
    }
}
