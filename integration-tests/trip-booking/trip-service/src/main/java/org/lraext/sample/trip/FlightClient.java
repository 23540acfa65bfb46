package org.lraext.sample.trip;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The flight service. Calls made while a trip's LRA runs carry it: the extension adds the header.
 */
@RegisterRestClient(configKey = "flight")
@Path("/flights")
public interface FlightClient {

    record Seat(String flightNumber, String passenger) {
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    Map<String, Object> book(Seat seat);

    @GET
    @Path("relay")
    String relay();
}
