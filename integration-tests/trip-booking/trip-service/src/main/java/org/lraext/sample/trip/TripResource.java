package org.lraext.sample.trip;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Books a trip as a saga: a new LRA per request, a flight and a hotel booked in it over REST Client. The LRA closes
 * when the method returns 2xx (every participant's @Complete runs) and is cancelled on 4xx/5xx (every participant's
 * @Compensate runs). A paid trip adds a payment step over Kafka, which ends the LRA. A request that does not parse
 * or is invalid is answered 400 before any LRA begins.
 */
@Path("/trips")
public class TripResource {

    private static final Logger LOG = Logger.getLogger(TripResource.class);

    static final int PRICE_PER_NIGHT = 120;

    @Inject
    Trips trips;
    @Inject
    @Channel("payment-requests")
    Emitter<PaymentRequest> payments;
    @Inject
    @RestClient
    FlightClient flights;
    @Inject
    @RestClient
    HotelClient hotels;

    @POST
    @LRA(LRA.Type.REQUIRES_NEW)
    public Response book(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lraId, @Valid @NotNull TripRequest request) {
        Trip trip = trips.create(lraId, request);
        Response refused = bookFlightAndHotel(lraId, trip, request);
        if (refused != null) {
            return refused;
        }
        return Response.status(Response.Status.CREATED).type(MediaType.TEXT_PLAIN)
                .entity("Trip " + trip.id + " booked").build();
    }

    /**
     * A paid trip: flight and hotel as above, then the payment request goes out on Kafka inside the LRA, which stays
     * open (end = false); the payment service ends it — closed when the card is charged, cancelled when it is
     * declined. The answer is 202: the trip's state follows (GET /trips?lra=...).
     */
    @POST
    @Path("paid")
    @LRA(value = LRA.Type.REQUIRES_NEW, end = false)
    public Response bookPaid(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lraId,
            @Valid @NotNull PaidTripRequest request) {
        Trip trip = trips.create(lraId, request.trip());
        Response refused = bookFlightAndHotel(lraId, trip, request.trip());
        if (refused != null) {
            return refused;
        }
        // the record carries the LRA: the payment service joins it and ends it
        payments.send(new PaymentRequest(trip.id, request.card(), PRICE_PER_NIGHT * request.nights()));
        return Response.accepted().type(MediaType.TEXT_PLAIN)
                .entity("Trip " + trip.id + " booked, payment requested").build();
    }

    /** Books the flight and the hotel in the trip's LRA: null when both did, else the answer that cancels it. */
    private Response bookFlightAndHotel(String lraId, Trip trip, TripRequest request) {
        try {
            flights.book(new FlightClient.Seat(request.flightNumber(), request.passenger()));
            hotels.book(new HotelClient.Room(request.hotel(), request.nights()));
            return null;
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            LOG.infof("Trip %d in LRA %s failed: a service answered %d", trip.id, lraId, status);
            return Response.status(status == 409 ? 409 : 502).type(MediaType.TEXT_PLAIN)
                    .entity("Trip " + trip.id + " could not be booked: a service answered " + status).build();
        }
    }

    @PUT
    @Path("complete")
    @Complete
    public Response complete(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lraId) {
        trips.ended(lraId, true);
        return Response.ok().build();
    }

    @PUT
    @Path("compensate")
    @Compensate
    public Response compensate(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lraId) {
        trips.ended(lraId, false);
        return Response.ok().build();
    }

    @GET
    public List<Trip> list(@QueryParam("lra") String lraId) {
        return lraId == null ? Trip.listAll() : Trip.list("lraId", lraId);
    }

    /** The head of a three-service chain: trip (starts the LRA) → flight (no LRA annotations) → hotel. */
    @GET
    @Path("chain")
    @LRA(LRA.Type.REQUIRES_NEW)
    public String chain(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lraId) {
        return "trip started " + lraId + "; " + flights.relay();
    }
}
