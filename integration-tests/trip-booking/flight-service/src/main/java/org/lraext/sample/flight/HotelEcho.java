package org.lraext.sample.flight;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The hotel service's echo endpoint, for the header-propagation chain.
 */
@RegisterRestClient(configKey = "hotel")
@Path("/hotels")
public interface HotelEcho {

    @GET
    @Path("echo")
    String echo();
}
