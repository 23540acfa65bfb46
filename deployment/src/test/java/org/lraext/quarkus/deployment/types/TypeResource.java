package org.lraext.quarkus.deployment.types;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;
import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_PARENT_CONTEXT_HEADER;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

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
 * One endpoint per {@link LRA.Type}; each answers "lra|parent" as its method saw them, and the participant records
 * its callbacks.
 */
@Path("/types")
public class TypeResource {

    static final List<String> COMPLETED = new CopyOnWriteArrayList<>();
    static final List<String> COMPENSATED = new CopyOnWriteArrayList<>();
    static final List<String> THROWN_IN = new CopyOnWriteArrayList<>();

    private static String seen(String lra, String parent) {
        return lra + "|" + parent;
    }

    @GET
    @Path("required")
    @LRA(value = LRA.Type.REQUIRED, end = false)
    public String required(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra,
            @HeaderParam(LRA_HTTP_PARENT_CONTEXT_HEADER) String parent) {
        return seen(lra, parent);
    }

    @GET
    @Path("required-end")
    @LRA(value = LRA.Type.REQUIRED)
    public String requiredEnd(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        return seen(lra, null);
    }

    @GET
    @Path("requires-new")
    @LRA(value = LRA.Type.REQUIRES_NEW, end = false)
    public String requiresNew(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra,
            @HeaderParam(LRA_HTTP_PARENT_CONTEXT_HEADER) String parent) {
        return seen(lra, parent);
    }

    @GET
    @Path("mandatory")
    @LRA(value = LRA.Type.MANDATORY, end = false)
    public String mandatory(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra,
            @HeaderParam(LRA_HTTP_PARENT_CONTEXT_HEADER) String parent) {
        return seen(lra, parent);
    }

    @GET
    @Path("supports")
    @LRA(value = LRA.Type.SUPPORTS, end = false)
    public String supports(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra,
            @HeaderParam(LRA_HTTP_PARENT_CONTEXT_HEADER) String parent) {
        return seen(lra, parent);
    }

    @GET
    @Path("not-supported")
    @LRA(value = LRA.Type.NOT_SUPPORTED)
    public String notSupported(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra,
            @HeaderParam(LRA_HTTP_PARENT_CONTEXT_HEADER) String parent) {
        return seen(lra, parent);
    }

    @GET
    @Path("never")
    @LRA(value = LRA.Type.NEVER)
    public String never(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra,
            @HeaderParam(LRA_HTTP_PARENT_CONTEXT_HEADER) String parent) {
        return seen(lra, parent);
    }

    @GET
    @Path("nested")
    @LRA(value = LRA.Type.NESTED, end = false)
    public String nested(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra,
            @HeaderParam(LRA_HTTP_PARENT_CONTEXT_HEADER) String parent) {
        return seen(lra, parent);
    }

    @GET
    @Path("nested-end")
    @LRA(value = LRA.Type.NESTED)
    public String nestedEnd(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        return lra;
    }

    @GET
    @Path("fail")
    @LRA(value = LRA.Type.REQUIRED, end = false)
    public Response fail(@QueryParam("status") int status) {
        return Response.status(status).entity("failing with " + status).build();
    }

    @GET
    @Path("throw")
    @LRA(value = LRA.Type.REQUIRED)
    public String fails(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        THROWN_IN.add(lra);
        throw new IllegalStateException("business failure");
    }

    @GET
    @Path("cancel-on")
    @LRA(value = LRA.Type.REQUIRED, cancelOn = Response.Status.ACCEPTED, cancelOnFamily = {})
    public Response cancelOn(@QueryParam("status") int status) {
        return Response.status(status).build();
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
