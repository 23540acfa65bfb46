package org.lraext.bench;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The second service of the chain scenario. */
@RegisterRestClient(configKey = "next")
@Path("/bench")
public interface NextHop {

    @POST
    @Path("join")
    String join();
}
