package org.lraext.quarkus.deployment.security;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lraext.lra.protocol.CallbackSignatures;
import org.lraext.quarkus.deployment.CoordinatorView;
import org.lraext.quarkus.deployment.nonjaxrs.PlainParticipant;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * With a signing key, the coordinator's callbacks still arrive (the signature is in the URLs it was given), while a
 * callback sent by anyone else, or replayed for another LRA, is refused before the method runs.
 */
class SignedCallbacksTest {

    static final String KEY = "k3y-for-tests-0123456789abcdefghijklmnop";
    static final String OLD_KEY = "old-key-for-tests-0123456789abcdefghijkl";
    static final String UNKNOWN_KEY = "an-attackers-guess-0123456789abcdefghijk";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(GuardedResource.class, PlainParticipant.class,
                    CoordinatorView.class))
            .overrideConfigKey("quarkus.lra.callbacks.signing-key", KEY)
            .overrideConfigKey("quarkus.lra.callbacks.previous-signing-keys", OLD_KEY);

    private static String sig(String key, String lra, Class<?> participant) {
        return new CallbackSignatures(key, java.util.List.of()).sign(lra, participant.getName());
    }

    private static Response compensate(String lra, String signature) {
        var request = given().header(LRA.LRA_HTTP_CONTEXT_HEADER, lra);
        if (signature != null) {
            request.queryParam(CallbackSignatures.PARAMETER, signature);
        }
        return request.put("/guarded/compensate");
    }

    private static void end(String lra, String how) {
        given().put(CoordinatorView.coordinatorUrl() + "/" + lra.substring(lra.lastIndexOf('/') + 1) + "/" + how);
    }

    @Test
    void theCoordinatorsCallbacksArriveSigned() {
        String closed = given().get("/guarded/work").asString();
        end(closed, "close");
        assertEquals(1, GuardedResource.count(GuardedResource.COMPLETED, closed));
        await().atMost(Duration.ofSeconds(10)).until(() -> GuardedResource.AFTER.contains(closed));
        String cancelled = given().get("/guarded/work").asString();
        end(cancelled, "cancel");
        await().atMost(Duration.ofSeconds(10)).until(() -> GuardedResource.COMPENSATED.contains(cancelled));
        assertEquals("gone", CoordinatorView.status(cancelled));
    }

    @jakarta.inject.Inject
    PlainParticipant plain;

    @Test
    void plainMethodParticipantsToo() {
        String lra = given().get("/plain/work").asString();
        end(lra, "close");
        assertTrue(plain.completed(lra), "the coordinator's signed call reached the plain @Complete");
        Response forged = given().header(LRA.LRA_HTTP_CONTEXT_HEADER, lra)
                .put("/lra-participant-proxy/" + PlainParticipant.class.getName() + "/compensate");
        assertEquals(403, forged.statusCode(), forged.asString());
    }

    @Test
    void forgedAndReplayedCallbacksAreRefusedBeforeTheMethodRuns() {
        String lra = given().get("/guarded/work").asString();
        String other = given().get("/guarded/work").asString();

        Response unsigned = compensate(lra, null);
        assertEquals(403, unsigned.statusCode());
        assertTrue(unsigned.asString().contains("not signed"), unsigned.asString());
        Response replayed = compensate(lra, sig(KEY, other, GuardedResource.class));
        assertEquals(403, replayed.statusCode(), "a signature made for another LRA");
        assertTrue(replayed.asString().contains("does not match"), replayed.asString());
        assertEquals(403, compensate(lra, sig(UNKNOWN_KEY, lra, GuardedResource.class)).statusCode());
        assertEquals(403, compensate(lra, sig(KEY, lra, PlainParticipant.class)).statusCode(),
                "a signature made for another participant");
        assertFalse(GuardedResource.COMPENSATED.contains(lra), "no refused callback ran the method");
        assertEquals("Active", CoordinatorView.status(lra), "nor changed the LRA");

        end(lra, "cancel");
        end(other, "cancel");
        await().atMost(Duration.ofSeconds(10)).until(() -> GuardedResource.COMPENSATED.contains(lra)
                && GuardedResource.COMPENSATED.contains(other));
    }

    @Test
    void callbacksSignedWithThePreviousKeyStillArrive() {
        String lra = CoordinatorView.start("rotation");
        Response r = compensate(lra, sig(OLD_KEY, lra, GuardedResource.class));
        assertEquals(200, r.statusCode(), r.asString());
        assertEquals(1, GuardedResource.count(GuardedResource.COMPENSATED, lra));
        CoordinatorView.cancel(lra);
    }

    @Test
    void leaveFindsTheSignedParticipant() {
        String lra = given().get("/guarded/work").asString();
        given().header(LRA.LRA_HTTP_CONTEXT_HEADER, lra).put("/guarded/leave").then().statusCode(200);
        end(lra, "close");
        assertEquals("gone", CoordinatorView.status(lra));
        assertFalse(GuardedResource.COMPLETED.contains(lra), "the participant left: not completed");
    }
}
