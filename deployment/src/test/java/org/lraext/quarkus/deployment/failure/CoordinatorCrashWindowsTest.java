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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A coordinator goes down at the two moments that could leave an LRA Active for ever: between the start and the join
 * of the request that started it (the request then starts its LRA again on the other coordinator, and succeeds), and
 * between creating an LRA and answering its start. In both, the extension cancels the LRA once the coordinator
 * answers again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the first needs round-robin to start on the first coordinator
class CoordinatorCrashWindowsTest {

    static final ScriptedCoordinator COORDINATOR = ScriptedCoordinator.shared();

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Joined.class, Lost.class, ScriptedCoordinator.class))
            .overrideConfigKey("quarkus.lra.coordinator-url", COORDINATOR.url() + "," + COORDINATOR.secondUrl())
            .overrideConfigKey("quarkus.lra.coordinator.request-timeout", "2s");

    static final AtomicInteger RAN = new AtomicInteger();
    static final AtomicInteger LOST_RAN = new AtomicInteger();

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
            LOST_RAN.incrementAndGet();
            return "ran";
        }
    }

    @Test
    @Order(1)
    void aRequestWhoseCoordinatorFailsTheJoinStartsItsLraAgainElsewhere() {
        // round-robin: the first start goes to the first coordinator, which then drops the join
        io.restassured.response.Response r = given().get("/joined");
        assertEquals(200, r.statusCode(), r.asString());
        assertEquals(1, RAN.get(), "the method ran once, in the LRA started again");
        String lra = r.header(LRA.LRA_HTTP_CONTEXT_HEADER);
        assertTrue(lra.startsWith(COORDINATOR.secondUrl()), lra);
        String first = COORDINATOR.url().replaceFirst("^http://[^/]+", "") + "/0_1";
        List<String> seen = COORDINATOR.requests();
        assertTrue(seen.stream().anyMatch(s -> s.startsWith("PUT " + first + "?")), "the join was tried: " + seen);
        assertTrue(seen.contains("PUT " + lra.replaceFirst("^http://[^/]+", "") + "/close"), "closed: " + seen);
        // the first LRA is not left behind: two cancels get no answer (still down), the third one lands
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> cancels(first + "/cancel") == 3);
        assertEquals(2, COORDINATOR.requests().stream().filter(s -> s.startsWith("POST ") && s.contains("Joined"))
                .count(), "one start again, not more");
    }

    @Test
    @Order(2)
    void anLraWhoseStartAnswerWasLostIsFoundAndCancelled() {
        io.restassured.response.Response r = given().get("/lost");
        // both coordinators "create" the LRA and drop the answer
        assertEquals(503, r.statusCode(), r.asString());
        assertEquals(0, LOST_RAN.get());
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> cancels("/lra-coordinator/0_lost/cancel") == 1
                        && cancels("/second-coordinator/0_lost/cancel") == 1);
        assertTrue(COORDINATOR.requests().stream().anyMatch(s -> s.startsWith("GET /lra-coordinator?Status=Active")),
                COORDINATOR.requests().toString());
    }

    private static long cancels(String path) {
        return COORDINATOR.requests().stream().filter(s -> s.equals("PUT " + path)).count();
    }
}
