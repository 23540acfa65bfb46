package org.lraext.it.packaged;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The shipping service, called over HTTP through the REST Client: the call carries the caller's LRA. */
@RegisterRestClient(configKey = "shipping")
@Path("/shipping")
public interface ShippingClient {

    @POST
    String ship();
}
