package org.lraext.it.security;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * A participant behind security: its callbacks accept only the coordinator's token (application.properties), and each
 * records who called it.
 */
@Path("/steps")
@ApplicationScoped
public class SecureSteps {

    /** Per LRA: "complete by lra-coordinator", ... */
    private final Map<String, List<String>> calls = new ConcurrentHashMap<>();
    /** LRAs whose first @Complete answers 503: they stay Closing until a recovery pass. */
    private final Set<String> flaky = ConcurrentHashMap.newKeySet();

    @Inject
    SecurityIdentity identity;

    @POST
    @Path("work")
    @LRA(LRA.Type.REQUIRES_NEW)
    public Response work(@HeaderParam(LRA.LRA_HTTP_CONTEXT_HEADER) URI lra, @QueryParam("outcome") String outcome) {
        if ("flaky".equals(outcome)) {
            flaky.add(lra.toString());
        }
        if ("refused".equals(outcome)) {
            return Response.status(409).entity(lra.toString()).build();
        }
        return Response.ok(lra.toString()).build();
    }

    @PUT
    @Path("complete")
    @Complete
    public Response complete(@HeaderParam(LRA.LRA_HTTP_CONTEXT_HEADER) URI lra) {
        record(lra, "complete");
        if (flaky.remove(lra.toString())) {
            return Response.status(503).build();
        }
        return Response.ok().build();
    }

    @PUT
    @Path("compensate")
    @Compensate
    public Response compensate(@HeaderParam(LRA.LRA_HTTP_CONTEXT_HEADER) URI lra) {
        record(lra, "compensate");
        return Response.ok().build();
    }

    @GET
    @Path("calls")
    public List<String> calls(@QueryParam("lra") String lra) {
        return calls.getOrDefault(lra, List.of());
    }

    private void record(URI lra, String callback) {
        calls.computeIfAbsent(lra.toString(), k -> new CopyOnWriteArrayList<>())
                .add(callback + " by " + identity.getPrincipal().getName());
    }
}
