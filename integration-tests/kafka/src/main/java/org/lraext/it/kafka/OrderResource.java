package org.lraext.it.kafka;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * An order: an HTTP step that starts the LRA and asks for the payment over Kafka; the LRA stays open until the payment
 * service, which consumes the request, ends it.
 */
@Path("/orders")
public class OrderResource {

    @Inject
    @Channel("payment-requests")
    Emitter<String> payments;

    @Inject
    @Channel("audit")
    Emitter<String> audit;

    @Inject
    @Channel("step1-out")
    Emitter<String> chain;

    @Inject
    Ledger ledger;

    /** The card decides: "declined" is refused by the payment service. */
    @POST
    @Path("{card}")
    @LRA(value = LRA.Type.REQUIRED, end = false)
    public String order(@PathParam("card") String card, @HeaderParam(LRA.LRA_HTTP_CONTEXT_HEADER) URI lra) {
        payments.send(card);
        audit.send("ordered with " + card);
        return lra.toString();
    }

    /** A chain of two Kafka steps after this one; the second ends the LRA. */
    @POST
    @Path("chain/{payload}")
    @LRA(value = LRA.Type.REQUIRED, end = false)
    public String chain(@PathParam("payload") String payload, @HeaderParam(LRA.LRA_HTTP_CONTEXT_HEADER) URI lra) {
        chain.send(payload);
        return lra.toString();
    }

    @PUT
    @Path("complete")
    @Complete
    public void complete(@HeaderParam(LRA.LRA_HTTP_CONTEXT_HEADER) URI lra) {
        ledger.add("order-completed", lra);
    }

    @PUT
    @Path("compensate")
    @Compensate
    public void compensate(@HeaderParam(LRA.LRA_HTTP_CONTEXT_HEADER) URI lra) {
        ledger.add("order-compensated", lra);
    }
}
