package org.lraext.sample.hotel;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import java.util.List;

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
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.jboss.logging.Logger;

/**
 * Holds rooms inside a trip's LRA. A hotel named "Full House" never has a room: the booking is refused with 409,
 * which cancels the LRA (the default {@code cancelOnFamily} is 4xx and 5xx).
 */
@Path("/hotels")
public class HotelResource {

    private static final Logger LOG = Logger.getLogger(HotelResource.class);
    static final String FULL = "Full House";

    public record RoomRequest(String hotel, int nights) {
    }

    @POST
    @LRA(value = LRA.Type.MANDATORY, end = false)
    @Transactional
    public Response book(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lraId, RoomRequest request) {
        HotelBooking booking = new HotelBooking();
        booking.lraId = lraId;
        booking.hotel = request.hotel();
        booking.nights = request.nights();
        booking.state = FULL.equalsIgnoreCase(request.hotel()) ? HotelBooking.State.REFUSED : HotelBooking.State.HELD;
        booking.persist();
        if (booking.state == HotelBooking.State.REFUSED) {
            LOG.infof("No room at %s: refusing, LRA %s will be cancelled", booking.hotel, lraId);
            return Response.status(Response.Status.CONFLICT).entity(booking).build();
        }
        LOG.infof("Room held at %s for %d nights in LRA %s", booking.hotel, booking.nights, lraId);
        return Response.ok(booking).build();
    }

    @PUT
    @Path("complete")
    @Complete
    @Transactional
    public Response complete(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lraId) {
        HotelBooking booking = HotelBooking.forLra(lraId);
        // unknown LRA, or a repeated delivery (the coordinator delivers at least once): nothing more to do
        if (booking != null && booking.state != HotelBooking.State.BOOKED) {
            booking.completions++;
            booking.state = HotelBooking.State.BOOKED;
            LOG.infof("Room booked at %s (LRA %s closed)", booking.hotel, lraId);
        }
        return Response.ok().build();
    }

    @PUT
    @Path("compensate")
    @Compensate
    @Transactional
    public Response compensate(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lraId) {
        HotelBooking booking = HotelBooking.forLra(lraId);
        if (booking != null && booking.state != HotelBooking.State.RELEASED) {
            booking.compensations++;
            booking.state = HotelBooking.State.RELEASED;
            LOG.infof("Room released at %s (LRA %s cancelled)", booking.hotel, lraId);
        }
        return Response.ok().build();
    }

    @GET
    public List<HotelBooking> bookings(@QueryParam("lra") String lraId) {
        return lraId == null ? HotelBooking.listAll() : HotelBooking.list("lraId", lraId);
    }

    /** The end of the propagation chain: answers with the LRA this request arrived in. */
    @GET
    @Path("echo")
    @LRA(value = LRA.Type.SUPPORTS, end = false)
    public String echo(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lraId) {
        return "hotel saw " + lraId;
    }
}
