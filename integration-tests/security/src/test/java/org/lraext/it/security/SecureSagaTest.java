package org.lraext.it.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * A participant and the packaged coordinator with security on, over loopback: https only, the participant's calls
 * with mutual TLS and its service token (from a token file), the coordinator's callbacks over https with the
 * coordinator's token, which the participant requires on its callback paths. Certificates and keys are made by the
 * test ({@link SecureSetup}).
 */
@QuarkusTest
@QuarkusTestResource(value = SecureCoordinator.class, restrictToAnnotatedClass = true)
class SecureSagaTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static String config(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }

    private final Path dir = Path.of(config("test.security.dir"));
    private final String coordinator = config("test.coordinator.url");
    private final Path trust = dir.resolve("pki").resolve(SecureSetup.CA + "-trust.p12");
    private final Tokens tokens = new Tokens(dir);
    private final SecureHttp anonymous = SecureHttp.of(trust, null);
    private final String adminToken = tokens.valid("ops", "lra-admin");

    /** How many LRAs the coordinator holds, as its administrator sees them. */
    private int lras() throws IOException {
        HttpResponse<String> r = anonymous.send("GET", coordinator, adminToken);
        assertEquals(200, r.statusCode(), r.body());
        return new ObjectMapper().readTree(r.body()).size();
    }

    /** The LRA's status, or "gone" once the coordinator forgot it (it finished). */
    private String status(String lra) throws IOException {
        HttpResponse<String> r = anonymous.send("GET", lra + "/status", adminToken);
        return r.statusCode() == 404 ? "gone" : r.statusCode() + " " + r.body();
    }

    private static List<String> calls(String lra) {
        return given().queryParam("lra", lra).get("/steps/calls").then().statusCode(200).extract().jsonPath()
                .getList("$", String.class);
    }

    @Test
    void aSagaClosesOverMutualTlsWithTokensBothWays() throws IOException {
        Response r = given().post("/steps/work");
        assertEquals(200, r.statusCode(), r.asString());
        String lra = r.asString();
        assertTrue(lra.startsWith(coordinator + "/"), "an LRA of the https coordinator: " + lra);
        Awaitility.await().atMost(WAIT).until(() -> calls(lra).equals(List.of("complete by lra-coordinator")));
        assertEquals("gone", status(lra), "closed and forgotten");
    }

    @Test
    void aRefusedStepCompensatesOverTheSameChannels() {
        Response r = given().queryParam("outcome", "refused").post("/steps/work");
        assertEquals(409, r.statusCode(), r.asString());
        String lra = r.asString();
        Awaitility.await().atMost(WAIT).until(() -> calls(lra).equals(List.of("compensate by lra-coordinator")));
    }

    @Test
    void aCallersOwnTokenIsWhatTheCoordinatorSees() throws IOException {
        // (quarkus.lra.coordinator.propagate-token: the service's own token would be accepted in both cases)
        Response r = given().auth().oauth2(tokens.valid("ada", "lra-participant")).post("/steps/work");
        assertEquals(200, r.statusCode(), r.asString());
        String lra = r.asString();
        Awaitility.await().atMost(WAIT).until(() -> calls(lra).equals(List.of("complete by lra-coordinator")));

        int before = lras();
        r = given().auth().oauth2(tokens.valid("mallory", "customer")).post("/steps/work");
        assertEquals(403, r.statusCode(), r.asString());
        assertTrue(r.asString().contains("does not allow"), "said as such: " + r.asString());
        assertEquals(before, lras(), "the coordinator refused the caller's token, so no LRA was started");
    }

    @Test
    void theParticipantsCallbacksWantTheCoordinatorsToken() throws IOException {
        String callback = config("test.participant.https") + "/steps/complete";
        assertEquals(401, anonymous.send("PUT", callback, null).statusCode(), "no token");
        assertEquals(401, anonymous.send("PUT", callback, tokens.otherKey("lra-coordinator", "lra-coordinator"))
                .statusCode(), "a forged coordinator token");
        assertEquals(403, anonymous.send("PUT", callback, tokens.valid("trip-service", "lra-participant"))
                .statusCode(), "a participant's token");
    }

    /** One hostile call: what it is, and what it must get (a status, or 0 for "no HTTP answer at all"). */
    private record Hostile(String what, SecureHttp client, String method, String url, String token, int expected) {
    }

    @Test
    void hostileCallsAreRefusedAndChangeNothing() throws IOException {
        Path pki = dir.resolve("pki");
        String participantToken = tokens.valid("trip-service", "lra-participant");
        String start = coordinator + "/start?ClientID=hostile";
        int before = lras();
        List<Hostile> cases = List.of(
                new Hostile("no token, no certificate", anonymous, "POST", start, null, 401),
                new Hostile("expired token", anonymous, "POST", start, tokens.expired("trip-service",
                        "lra-participant"), 401),
                new Hostile("token of another issuer", anonymous, "POST", start, tokens.otherIssuer("trip-service",
                        "lra-participant"), 401),
                new Hostile("token signed with another key", anonymous, "POST", start, tokens.otherKey("trip-service",
                        "lra-participant"), 401),
                new Hostile("token without a role", anonymous, "POST", start, tokens.valid("nobody"), 403),
                new Hostile("participant lists all LRAs", anonymous, "GET", coordinator, participantToken, 403),
                new Hostile("participant lists with a trailing slash", anonymous, "GET", coordinator + "/",
                        participantToken, 403),
                new Hostile("participant reads recovery records", anonymous, "GET", coordinator + "/recovery",
                        participantToken, 403),
                new Hostile("participant reads failed records", anonymous, "GET", coordinator + "/recovery/failed",
                        participantToken, 403),
                new Hostile("participant deletes a recovery record", anonymous, "DELETE",
                        coordinator + "/recovery/" + URLEncoder.encode(coordinator + "/0_1", StandardCharsets.UTF_8),
                        participantToken, 403),
                new Hostile("participant certificate lists all LRAs", SecureHttp.of(trust,
                        pki.resolve("lra-participant.p12")), "GET", coordinator, null, 403),
                // (certificates are requested, not required: one no trusted CA signed is no credential at all)
                new Hostile("certificate of another CA", SecureHttp.of(trust,
                        dir.resolve("rogue").resolve("lra-participant.p12")), "POST", start, null, 401),
                new Hostile("plain HTTP to the https port", SecureHttp.plain(), "POST",
                        start.replace("https://", "http://"), participantToken, 0));
        List<String> failures = new ArrayList<>();
        for (Hostile h : cases) {
            int got;
            String detail;
            try {
                HttpResponse<String> r = h.client().send(h.method(), h.url(), h.token());
                got = r.statusCode();
                detail = r.body();
            } catch (IOException e) {
                got = 0;
                detail = e.toString();
            }
            System.out.printf("[security] %-45s -> %s%n", h.what(), got == 0 ? "no HTTP answer (" + detail + ")" : got);
            if (got != h.expected() && !(h.expected() == 0 && got == 400)) {
                failures.add(h.what() + ": expected " + h.expected() + ", got " + got + " " + detail);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(before, lras(), "a refused call changed the coordinator's store");

        // the same calls with the right credentials do work: the refusals above were the credentials'
        assertEquals(200, SecureHttp.of(trust, pki.resolve("lra-admin.p12")).send("GET", coordinator, null)
                .statusCode(), "an administrator's certificate lists");
        HttpResponse<String> started = SecureHttp.of(trust, pki.resolve("lra-participant.p12"))
                .send("POST", start, null);
        assertEquals(201, started.statusCode(), "a participant's certificate starts: " + started.body());
        String lra = started.body().trim();
        assertEquals(200, anonymous.send("PUT", lra + "/cancel", participantToken).statusCode(),
                "a participant's token cancels");
    }

    @Test
    void aRefusedTokenIsReportedAsSuchAndARotatedOneNeedsNoRestart() throws IOException {
        try {
            tokens.write("participant.token", tokens.expired("trip-service", "lra-participant"));
            // the file is checked every 200 ms: wait until the service sends the expired token
            Awaitility.await().atMost(WAIT).until(() -> given().post("/steps/work").statusCode() == 401);
            int before = lras();
            Response r = given().post("/steps/work");
            assertEquals(401, r.statusCode(), r.asString());
            assertTrue(r.asString().contains("credentials (401)"), "said as such: " + r.asString());
            assertEquals(before, lras(), "no LRA was started with the refused token");
        } finally {
            restoreToken();
        }
    }

    @Test
    void recoveryFinishesAClosingLraAfterTheParticipantsTokenExpired() throws IOException {
        Response r = given().queryParam("outcome", "flaky").post("/steps/work");
        assertEquals(200, r.statusCode(), r.asString());
        String lra = r.asString();
        assertEquals(List.of("complete by lra-coordinator"), calls(lra), "the first @Complete answered 503");
        assertTrue(status(lra).contains("Closing"), status(lra));
        try {
            // the participant's own token is now expired: nothing it could send would be accepted
            tokens.write("participant.token", tokens.expired("trip-service", "lra-participant"));
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                recoveryPass();
                return calls(lra).size() == 2;
            });
            assertEquals(List.of("complete by lra-coordinator", "complete by lra-coordinator"), calls(lra));
            Awaitility.await().atMost(WAIT).until(() -> status(lra).equals("gone"));
        } catch (RuntimeException e) {
            fail("recovery did not finish " + lra + " (" + status(lra) + "): " + e);
        } finally {
            restoreToken();
        }
    }

    /** Asks the coordinator for a recovery pass now (Narayana runs it while the request waits, or answers later). */
    private void recoveryPass() {
        try {
            anonymous.send("GET", coordinator + "/recovery", adminToken);
        } catch (IOException e) {
            // a pass longer than the client waits goes on anyway
        }
    }

    /** A valid token in the participant's token file again, and the participant using it (checked every 200 ms). */
    private void restoreToken() {
        tokens.write("participant.token", tokens.valid("trip-service", "lra-participant"));
        Awaitility.await().atMost(WAIT).until(() -> given().post("/steps/work").statusCode() == 200);
    }
}
