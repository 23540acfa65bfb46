package org.lraext.sample.flight;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.ParticipantStatus;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Books seats inside a trip's LRA; the seat is sold when the LRA closes and released when it is cancelled.
 */
@Path("/flights")
public class FlightResource {

    private static final Logger LOG = Logger.getLogger(FlightResource.class);

    public record BookingRequest(String flightNumber, String passenger) {
    }

    @Inject
    @RestClient
    HotelEcho hotel;

    @POST
    @LRA(value = LRA.Type.MANDATORY, end = false)
    @Transactional
    public FlightBooking book(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lraId, BookingRequest request) {
        FlightBooking booking = new FlightBooking();
        booking.lraId = lraId;
        booking.flightNumber = request.flightNumber();
        booking.passenger = request.passenger();
        booking.state = FlightBooking.State.PENDING;
        booking.persist();
        LOG.infof("Seat held on %s for %s in LRA %s", booking.flightNumber, booking.passenger, lraId);
        return booking;
    }

    @PUT
    @Path("complete")
    @Complete
    @Transactional
    public Response complete(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lraId) {
        FlightBooking booking = FlightBooking.byLra(lraId);
        if (booking == null || booking.state == FlightBooking.State.CONFIRMED) {
            // unknown LRA, or a repeated delivery (the coordinator delivers at least once): nothing more to do
            return Response.ok(ParticipantStatus.Completed.name()).build();
        }
        booking.completions++;
        booking.state = FlightBooking.State.CONFIRMED;
        LOG.infof("Seat confirmed on %s (LRA %s closed)", booking.flightNumber, lraId);
        return Response.ok(ParticipantStatus.Completed.name()).build();
    }

    @PUT
    @Path("compensate")
    @Compensate
    @Transactional
    public Response compensate(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lraId) {
        FlightBooking booking = FlightBooking.byLra(lraId);
        if (booking == null || booking.state == FlightBooking.State.CANCELLED) {
            return Response.ok(ParticipantStatus.Compensated.name()).build();
        }
        booking.compensations++;
        booking.state = FlightBooking.State.CANCELLED;
        LOG.infof("Seat released on %s (LRA %s cancelled)", booking.flightNumber, lraId);
        return Response.ok(ParticipantStatus.Compensated.name()).build();
    }

    @GET
    public List<FlightBooking> bookings(@QueryParam("lra") String lraId) {
        return lraId == null ? FlightBooking.listAll() : FlightBooking.list("lraId", lraId);
    }

    /**
     * A hop without LRA annotations in the middle of a call chain: it does not see the LRA, but its outgoing call
     * still carries it.
     */
    @GET
    @Path("relay")
    public String relay(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String seen) {
        return "flight saw " + seen + "; " + hotel.echo();
    }
}
