package org.lraext.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.lraext.test.JavaService;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The trip-booking saga with security on everywhere, each service a packaged jar in its own JVM: the coordinator serves
 * https only and wants a JWT or a client certificate; every service serves https only, talks to the coordinator over
 * TLS, and accepts callbacks only with the coordinator's token ({@code quarkus.lra.callbacks.roles-allowed}). Each
 * service shows one way of authenticating to the coordinator: the trip service forwards its caller's token
 * ({@code propagate-token}, and no client certificate), the flight service shows a client certificate and sends its own
 * token from a token file, the hotel service a client certificate and its own token from an OIDC client (client
 * credentials, from the test's token endpoint, short-lived so that it is renewed during the run).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecureTripSagaTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The hotel's tokens live this long: the client must come back for new ones while the tests run. */
    private static final Duration HOTEL_TOKEN_LIFETIME = Duration.ofSeconds(12);
    private static final ObjectMapper JSON = new ObjectMapper();

    static SecureSetup setup;
    static TokenEndpoint identityProvider;
    static final List<JavaService> services = new ArrayList<>();
    static JavaService flight;
    static JavaService hotel;
    static JavaService trip;
    static String coordinator;
    static SecureHttp http;
    static String user;
    static String admin;

    @BeforeAll
    static void start() {
        setup = SecureSetup.create("trip");
        Tokens tokens = setup.tokens;
        tokens.write("flight.token", tokens.valid("flight-service", "lra-participant"));
        user = tokens.valid("ada", "lra-participant");
        admin = tokens.valid("ops", "lra-admin");
        http = SecureHttp.of(setup.trustStore(), null);
        identityProvider = TokenEndpoint.start(setup, "hotel-service", "hotel-secret", HOTEL_TOKEN_LIFETIME);

        int coordinatorPort = JavaService.freePort();
        int flightPort = JavaService.freePort();
        int hotelPort = JavaService.freePort();
        int tripPort = JavaService.freePort();
        services.add(setup.coordinator(coordinatorPort).start());
        coordinator = SecureSetup.coordinatorUrl(coordinatorPort);
        Path logs = setup.dir.resolve("logs");

        List<String> flightOptions = new ArrayList<>(setup.participantOptions(coordinator, true));
        flightOptions.addAll(List.of("-Dquarkus.lra.base-uri=https://localhost:" + flightPort,
                "-Dquarkus.lra.coordinator.token-file=" + setup.dir.resolve("flight.token"),
                // a database that survives the crash, as a real service's would
                "-Dquarkus.datasource.jdbc.url=jdbc:h2:file:" + setup.dir.resolve("flight-db").resolve("flights")
                        + ";DB_CLOSE_DELAY=-1;WRITE_DELAY=0",
                "-Dquarkus.hibernate-orm.schema-management.strategy=update"));
        flight = new JavaService("flight", JavaService.jar("sample.flight.jar"), flightPort, "/flights", flightOptions,
                logs).httpsOnly();

        List<String> hotelOptions = new ArrayList<>(setup.participantOptions(coordinator, true));
        hotelOptions.addAll(List.of("-Dquarkus.lra.base-uri=https://localhost:" + hotelPort,
                "-Dquarkus.lra.coordinator.oidc-client.enabled=true",
                "-Dquarkus.oidc-client.auth-server-url=" + identityProvider.url(),
                "-Dquarkus.oidc-client.discovery-enabled=false",
                "-Dquarkus.oidc-client.token-path=/token",
                "-Dquarkus.oidc-client.client-id=hotel-service",
                "-Dquarkus.oidc-client.credentials.secret=hotel-secret",
                "-Dquarkus.oidc-client.grant.type=client",
                "-Dquarkus.oidc-client.tls.tls-configuration-name=lra"));
        hotel = new JavaService("hotel", JavaService.jar("sample.hotel.jar"), hotelPort, "/hotels", hotelOptions, logs)
                .httpsOnly();

        // no client certificate: the caller's token is its only credential at the coordinator
        List<String> tripOptions = new ArrayList<>(setup.participantOptions(coordinator, false));
        tripOptions.addAll(List.of("-Dquarkus.lra.base-uri=https://localhost:" + tripPort,
                "-Dquarkus.lra.coordinator.propagate-token=true",
                "-Dquarkus.rest-client.flight.url=https://localhost:" + flightPort,
                "-Dquarkus.rest-client.flight.tls-configuration-name=lra",
                "-Dquarkus.rest-client.hotel.url=https://localhost:" + hotelPort,
                "-Dquarkus.rest-client.hotel.tls-configuration-name=lra"));
        trip = new JavaService("trip", JavaService.jar("sample.trip.jar"), tripPort, "/trips", tripOptions, logs)
                .httpsOnly();

        // the three start side by side: each waits only for itself
        List<CompletableFuture<JavaService>> starting = new ArrayList<>();
        for (JavaService s : List.of(flight, hotel, trip)) {
            services.add(s);
            starting.add(CompletableFuture.supplyAsync(s::start));
        }
        starting.forEach(CompletableFuture::join);
    }

    @AfterAll
    static void stop() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).stop();
        }
        if (identityProvider != null) {
            identityProvider.close();
        }
    }

    private static String book(String hotelName, int expected) throws IOException {
        HttpResponse<String> r = http.send("POST", trip.url() + "/trips", user, JSON.writeValueAsString(Map.of(
                "passenger", "Ada", "flightNumber", "LX318", "hotel", hotelName, "nights", 2)), null);
        assertEquals(expected, r.statusCode(), r.body());
        String lra = r.headers().firstValue("Long-Running-Action").orElse(null);
        assertTrue(lra != null && lra.startsWith(coordinator + "/"), "an LRA of the https coordinator: " + lra);
        return lra;
    }

    /** The one row a service keeps for the LRA, or an empty map. */
    private static Map<String, Object> row(JavaService service, String path, String lra) {
        try {
            HttpResponse<String> r = http.send("GET", service.url() + path + "?lra=" + URLEncoder.encode(lra,
                    StandardCharsets.UTF_8), null);
            List<Map<String, Object>> rows = JSON.readValue(r.body(), new TypeReference<>() {
            });
            return rows.size() == 1 ? rows.get(0) : Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitRow(JavaService service, String path, String lra, Map<String, Object> expected) {
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> row(service, path, lra).entrySet().containsAll(expected.entrySet()));
    }

    private static String status(String lra) throws IOException {
        HttpResponse<String> r = http.send("GET", lra + "/status", admin);
        return r.statusCode() == 404 ? "gone" : r.body();
    }

    @Test
    @Order(1)
    void aBookedTripClosesEverywhereOverTls() throws IOException {
        String lra = book("Grand Hotel", 201);
        awaitRow(trip, "/trips", lra, Map.of("state", "CONFIRMED", "completions", 1, "compensations", 0));
        awaitRow(flight, "/flights", lra, Map.of("state", "CONFIRMED", "completions", 1, "compensations", 0));
        awaitRow(hotel, "/hotels", lra, Map.of("state", "BOOKED", "completions", 1, "compensations", 0));
        Awaitility.await().atMost(WAIT).until(() -> status(lra).equals("gone"));
    }

    @Test
    @Order(2)
    void aRefusedRoomCompensatesEverywhereOverTls() throws IOException {
        String lra = book("Full House", 409);
        awaitRow(trip, "/trips", lra, Map.of("state", "CANCELLED", "compensations", 1, "completions", 0));
        awaitRow(flight, "/flights", lra, Map.of("state", "CANCELLED", "compensations", 1, "completions", 0));
        awaitRow(hotel, "/hotels", lra, Map.of("state", "RELEASED", "compensations", 1, "completions", 0));
    }

    @Test
    @Order(3)
    void withoutTheCallersTokenTheCoordinatorRefusesAndNothingIsBooked() throws IOException {
        // the trip service forwards its caller's token and has no credential of its own
        HttpResponse<String> r = http.send("POST", trip.url() + "/trips", null, JSON.writeValueAsString(Map.of(
                "passenger", "Eve", "flightNumber", "LX318", "hotel", "Grand Hotel", "nights", 2)), null);
        assertEquals(401, r.statusCode(), r.body());
        assertTrue(r.body().contains("credentials (401)"), "said as such: " + r.body());
        assertTrue(r.headers().firstValue("Long-Running-Action").isEmpty());
        // and the callbacks of the sample want the coordinator's token
        assertEquals(401, http.send("PUT", flight.url() + "/flights/complete", null).statusCode());
        assertEquals(403, http.send("PUT", flight.url() + "/flights/complete", user).statusCode());
    }

    @Test
    @Order(4)
    void aParticipantKilledBeforeTheCloseIsCompletedByRecoveryAfterTheUsersTokenExpired() throws IOException {
        // the user's token lives a few seconds: it has expired by the time recovery calls the participant back
        Duration lifetime = Duration.ofSeconds(4);
        Instant expires = Instant.now().plus(lifetime);
        String shortLived = setup.tokens.validFor("grace", lifetime, "lra-participant");
        HttpResponse<String> started = http.send("POST", coordinator + "/start?ClientID=crash", shortLived);
        assertEquals(201, started.statusCode(), started.body());
        String lra = started.body().trim();
        HttpResponse<String> joined = http.send("POST", flight.url() + "/flights", null,
                JSON.writeValueAsString(Map.of("flightNumber", "LX99", "passenger", "Grace")), lra);
        assertEquals(200, joined.statusCode(), joined.body());

        flight.kill();
        try {
            HttpResponse<String> closed = http.send("PUT", lra + "/close", shortLived);
            assertTrue(closed.statusCode() == 200 || closed.statusCode() == 202,
                    closed.statusCode() + " " + closed.body());
            assertTrue(status(lra).contains("Closing"),
                    "the coordinator keeps the LRA it could not finish: " + status(lra));
            // (past its expiry and the coordinator's one second of clock skew)
            JavaService.sleep(Math.max(0, Duration.between(Instant.now(), expires).toMillis()) + 2_500);
            assertEquals(401, http.send("GET", lra + "/status", shortLived).statusCode(),
                    "the user's token has expired");
        } finally {
            flight.start(); // (also when the above failed: the tests after this one need it)
        }
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            http.send("GET", coordinator + "/recovery", admin); // a recovery pass now
            return status(lra).equals("gone");
        });
        Map<String, Object> booking = row(flight, "/flights", lra);
        assertTrue(booking.entrySet().containsAll(Map.of("state", "CONFIRMED", "completions", 1, "compensations", 0)
                .entrySet()), "completed once, after the restart: " + booking);
    }

    @Test
    @Order(5)
    void theHotelsShortLivedTokenIsRenewedAndStillWorks() throws IOException {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> identityProvider.issued() >= 2);
        String lra = book("Grand Hotel", 201);
        awaitRow(hotel, "/hotels", lra, Map.of("state", "BOOKED", "completions", 1));
        System.out.printf("[secure-saga] the hotel's OIDC client got %d tokens of %d s%n", identityProvider.issued(),
                HOTEL_TOKEN_LIFETIME.toSeconds());
    }
}
