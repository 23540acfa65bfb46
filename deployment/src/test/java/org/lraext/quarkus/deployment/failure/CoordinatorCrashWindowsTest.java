package org.lraext.quarkus.deployment.failure;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * The coordinator goes down at the two moments that could leave an LRA Active for ever: between the start and the
 * join of the request that started it (the request then starts its LRA once more, on another coordinator when there
 * is one), and between creating an LRA and answering its start. In both, the extension cancels the LRA once the
 * coordinator answers again.
 */
class CoordinatorCrashWindowsTest {

    static final ScriptedCoordinator COORDINATOR = ScriptedCoordinator.shared();

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Joined.class, Lost.class, ScriptedCoordinator.class))
            .overrideConfigKey("quarkus.lra.coordinator-url", COORDINATOR.url())
            .overrideConfigKey("quarkus.lra.coordinator.request-timeout", "2s");

    static final AtomicInteger RAN = new AtomicInteger();

    @Path("/joined")
    public static class Joined {
        @GET
        @LRA(LRA.Type.REQUIRES_NEW)
        public String work() {
            RAN.incrementAndGet();
            return "ran";
        }

        @PUT
        @Path("compensate")
        @Compensate
        public Response compensate() {
            return Response.ok().build();
        }
    }

    @Path("/lost")
    public static class Lost {
        @GET
        @LRA(LRA.Type.REQUIRES_NEW)
        public String work() {
            RAN.incrementAndGet();
            return "ran";
        }
    }

    @Test
    void anLraWhoseJoinFailedIsCancelledOnceTheCoordinatorAnswers() {
        io.restassured.response.Response r = given().get("/joined");
        assertEquals(503, r.statusCode(), r.asString());
        assertEquals(0, RAN.get(), "the method does not run without its join");
        String lra = COORDINATOR.url().replaceFirst("^http://[^/]+", "") + "/0_1";
        // two cancels get no answer (the coordinator is still down), the third one lands
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> cancels(lra + "/cancel") == 3);
        List<String> seen = COORDINATOR.requests();
        assertTrue(seen.stream().anyMatch(s -> s.startsWith("PUT " + lra + "?")), "the join was tried: " + seen);
        // before failing, the request started its LRA once more (here on the same, only coordinator), which failed
        // its join too and was cancelled as well
        String second = lra.replace("/0_1", "/0_2");
        assertTrue(seen.stream().anyMatch(s -> s.startsWith("PUT " + second + "?")), "started again: " + seen);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> cancels(second + "/cancel") == 3);
        assertEquals(2, seen.stream().filter(s -> s.startsWith("POST /lra-coordinator/start?ClientID=")
                && s.contains("Joined")).count(), "one start again, not more: " + seen);
    }

    @Test
    void anLraWhoseStartAnswerWasLostIsFoundAndCancelled() {
        io.restassured.response.Response r = given().get("/lost");
        assertEquals(503, r.statusCode(), r.asString());
        assertEquals(0, RAN.get());
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> cancels("/lra-coordinator/0_lost/cancel") == 1);
        assertTrue(COORDINATOR.requests().stream().anyMatch(s -> s.startsWith("GET /lra-coordinator?Status=Active")),
                COORDINATOR.requests().toString());
    }

    private static long cancels(String path) {
        return COORDINATOR.requests().stream().filter(s -> s.equals("PUT " + path)).count();
    }
}
