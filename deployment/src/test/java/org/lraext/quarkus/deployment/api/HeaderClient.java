package org.lraext.quarkus.deployment.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** Calls {@link EchoResource}: what LRA an outgoing call carried. */
@RegisterRestClient(configKey = "api-header")
@Path("/api-echo")
public interface HeaderClient {

    @GET
    @Path("header")
    String header();

    @GET
    @Path("header")
    Uni<String> headerAsync();
}
