package org.lraext.sample.trip;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

/**
 * What a traveller asks for. Checked before the saga starts: an invalid request is answered 400 with the fields that
 * are wrong, and no LRA is started.
 */
public record TripRequest(@NotBlank String passenger, @NotBlank String flightNumber, @NotBlank String hotel,
        @Positive @Max(90) int nights) {
}
