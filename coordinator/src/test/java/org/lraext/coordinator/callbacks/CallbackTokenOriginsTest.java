package org.lraext.coordinator.callbacks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Where the coordinator's callback token may go. */
class CallbackTokenOriginsTest {

    private static boolean sends(String url, String... origins) {
        return CallbackCredentials.sendsTo(URI.create(url), List.of(origins));
    }

    @Test
    void plainHttpOnlyToAnOriginListedSo() {
        assertFalse(sends("http://trip:8080/trips/complete"));
        assertFalse(sends("http://trip:8080/trips/complete", "https://trip:8080", "https://trip"));
        assertTrue(sends("http://localhost:8080/trips/complete", "http://localhost"));
        assertFalse(sends("https://localhost:8443/trips/complete", "http://localhost"), "the scheme counts too");
    }

    @Test
    void anyHttpsParticipantWhenNoOriginIsListed() {
        assertTrue(sends("https://trip:8443/trips/complete"));
    }

    @Test
    void onlyTheListedOriginsWhenThereAreSome() {
        String[] origins = { "https://trip:8443", "https://Flight" };
        assertTrue(sends("https://trip:8443/trips/complete", origins));
        assertTrue(sends("https://TRIP:8443/trips/complete", origins), "host names in any case");
        assertFalse(sends("https://trip:9443/trips/complete", origins), "another port of a host:port entry");
        assertTrue(sends("https://flight:9443/flights/complete", origins), "any port of a host entry");
        assertTrue(sends("https://flight/flights/complete", origins), "the default port");
        assertFalse(sends("https://attacker.example/collect", origins));
        assertFalse(sends("https://trip.attacker.example:8443/collect", origins));
        assertTrue(sends("https://trip:443/x", "https://trip:443") && sends("https://trip/x", "https://trip:443"),
                "443 written or not");
    }
}
