package org.lraext.quarkus.deployment.validation;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;

/** A participant with a mistake, for the build-error tests: a plain-method callback with a wrong parameter. */
@Path("/not-jaxrs")
public class NotJaxRs {
    @POST
    @LRA
    public void work() {
    }

    @Compensate
    public String undo(String lra) {
        return lra;
    }
}
