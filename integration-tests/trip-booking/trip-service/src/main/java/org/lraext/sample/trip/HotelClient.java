package org.lraext.sample.trip;

import java.util.Map;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The hotel service.
 */
@RegisterRestClient(configKey = "hotel")
@Path("/hotels")
public interface HotelClient {

    record Room(String hotel, int nights) {
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    Map<String, Object> book(Room room);
}
