package org.lraext.quarkus.deployment.propagation;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;

@Path("/prop")
public class PropagationResource {

    @Inject
    @RestClient
    EchoClient client;

    @ConfigProperty(name = "quarkus.rest-client.echo.url")
    String echoUrl;

    /** The end of each chain: the LRA this request arrived in. */
    @GET
    @Path("echo")
    @LRA(value = LRA.Type.SUPPORTS, end = false)
    public String echo(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        return String.valueOf(lra);
    }

    /** No LRA annotation: does not see the context, but its outgoing call carries it (blocking, worker thread). */
    @GET
    @Path("plain")
    public String plain(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        return lra + "|" + client.echo();
    }

    /** The same through the JAX-RS client API, with nothing LRA-specific on the client. */
    @GET
    @Path("jaxrs")
    public String jaxrs() {
        Client client = ClientBuilder.newClient();
        try {
            return client.target(echoUrl).path("prop/echo").request().get(String.class);
        } finally {
            client.close();
        }
    }

    /** The same on the event loop, with a reactive client call. */
    @GET
    @Path("plain-reactive")
    public Uni<String> plainReactive() {
        return client.echoAsync();
    }

    /** A new LRA: outgoing calls carry it, not the incoming one. */
    @GET
    @Path("new")
    @LRA(value = LRA.Type.REQUIRES_NEW, end = false)
    public String fresh(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        return lra + "|" + client.echo();
    }

    /** Suspended: outgoing calls carry no LRA. */
    @GET
    @Path("suspended")
    @LRA(value = LRA.Type.NOT_SUPPORTED)
    public String suspended() {
        return client.echo();
    }
}
