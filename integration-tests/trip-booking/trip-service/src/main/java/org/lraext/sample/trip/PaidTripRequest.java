package org.lraext.sample.trip;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/**
 * A trip paid by card: the payment is the saga's last step, over Kafka. Checked like {@link TripRequest}.
 */
public record PaidTripRequest(@NotBlank String passenger, @NotBlank String flightNumber, @NotBlank String hotel,
        @Positive @Max(90) int nights,
        @NotBlank @Pattern(regexp = "[0-9 ]{12,23}", message = "must be 12 to 19 digits, spaces allowed") String card) {

    TripRequest trip() {
        return new TripRequest(passenger, flightNumber, hotel, nights);
    }
}
