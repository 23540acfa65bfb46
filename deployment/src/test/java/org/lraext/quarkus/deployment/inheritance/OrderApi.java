package org.lraext.quarkus.deployment.inheritance;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;

/** An interface that declares the LRA behaviour of an endpoint. */
public interface OrderApi {

    @GET
    @Path("place")
    @LRA(value = LRA.Type.REQUIRED, end = false)
    String place(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra);

    /** cancelOn declared on the interface: a 202 cancels. */
    @GET
    @Path("reject")
    @LRA(value = LRA.Type.REQUIRED, cancelOn = jakarta.ws.rs.core.Response.Status.ACCEPTED)
    jakarta.ws.rs.core.Response reject();
}
