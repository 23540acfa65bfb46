package org.lraext.quarkus.deployment.api;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;

/** Tells the LRA a call arrived in (no participant: it joins nothing, ends nothing). */
@Path("/api-echo")
public class EchoResource {

    @GET
    @Path("header")
    @LRA(value = LRA.Type.SUPPORTS, end = false)
    public String header(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        return String.valueOf(lra);
    }
}
