package org.lraext.quarkus.deployment.propagation;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

@RegisterRestClient(configKey = "echo")
@Path("/prop")
public interface EchoClient {

    @GET
    @Path("echo")
    String echo();

    @GET
    @Path("echo")
    Uni<String> echoAsync();
}
