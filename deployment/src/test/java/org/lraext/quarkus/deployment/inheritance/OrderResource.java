package org.lraext.quarkus.deployment.inheritance;

import jakarta.ws.rs.Path;

/** The endpoint: its behaviour comes from its interface and its superclass. */
@Path("/orders")
public class OrderResource extends BaseParticipant implements OrderApi {

    @Override
    public String place(String lra) {
        return String.valueOf(lra);
    }

    @Override
    public jakarta.ws.rs.core.Response reject() {
        return jakarta.ws.rs.core.Response.accepted().build();
    }
}
