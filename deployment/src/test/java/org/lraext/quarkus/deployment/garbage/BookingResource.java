package org.lraext.quarkus.deployment.garbage;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.eclipse.microprofile.lra.annotation.ws.rs.Leave;

/** A participant whose {@code @LRA} methods take a validated JSON body. */
@Path("/bookings")
public class BookingResource {

    public record Booking(@NotBlank String passenger, @Positive int nights) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @LRA(LRA.Type.REQUIRED)
    public String book(@Valid Booking booking, @NotNull @HeaderParam(LRA.LRA_HTTP_CONTEXT_HEADER) URI lra) {
        // (@NotNull on the LRA header: it gets its value once the LRA is begun, after the body's early check)
        return "booked " + booking.passenger() + " in " + lra;
    }

    @POST
    @Path("/unchecked")
    @Consumes(MediaType.APPLICATION_JSON)
    @LRA(LRA.Type.REQUIRES_NEW)
    public String bookUnchecked(Booking booking) {
        return "booked " + booking.passenger();
    }

    @POST
    @Path("/mandatory")
    @Consumes(MediaType.APPLICATION_JSON)
    @LRA(LRA.Type.MANDATORY)
    public String bookInCallersLra(@Valid Booking booking) {
        return "booked " + booking.passenger();
    }

    @PUT
    @Path("/leave")
    @Consumes(MediaType.APPLICATION_JSON)
    @Leave
    public String leave(@Valid Booking booking) {
        return "left";
    }

    @PUT
    @Path("/compensate")
    @Compensate
    public void compensate() {
    }
}
