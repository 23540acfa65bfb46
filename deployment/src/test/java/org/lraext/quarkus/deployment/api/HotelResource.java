package org.lraext.quarkus.deployment.api;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;

/**
 * A JAX-RS participant joined through the API.
 */
@ApplicationScoped
@Path("/api-hotel")
public class HotelResource {

    private final Map<String, String> outcome = new ConcurrentHashMap<>();

    /** What its callbacks did for this LRA, in order, or null. */
    public String outcome(String lra) {
        return outcome.get(lra);
    }

    @PUT
    @Path("compensate")
    @Compensate
    public Response compensate(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        outcome.merge(lra, "compensated", (a, b) -> a + "," + b);
        return Response.ok().build();
    }

    @PUT
    @Path("complete")
    @Complete
    public Response complete(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        outcome.merge(lra, "completed", (a, b) -> a + "," + b);
        return Response.ok().build();
    }
}
