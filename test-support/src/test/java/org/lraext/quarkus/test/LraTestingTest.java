package org.lraext.quarkus.test;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class LraTestingTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            // in a QuarkusUnitTest the support classes must be part of the application, as they are in a @QuarkusTest
            .withApplicationRoot(jar -> jar.addClasses(Participant.class, LraTesting.class, LraAssert.class,
                    LraCoordinator.class, LraCallback.class, LraOutcome.class, ApplicationView.class,
                    ApplicationView.InProcess.class, ApplicationView.Remote.class));

    private static String lraOf(String path) {
        return given().get(path).header(LRA.LRA_HTTP_CONTEXT_HEADER);
    }

    @Test
    void closedLra() {
        String lra = lraOf("/p/work");
        LraAssert a = LraTesting.assertThatLra(lra).endsWithin(Duration.ofSeconds(5)).isClosed()
                .completedOnce(Participant.class).neverCompensated().callbacksSucceeded();
        assertEquals(Optional.of(LRAStatus.Closed), a.outcome().status());
        List<LraCallback> callbacks = a.outcome().callbacks();
        assertEquals(1, callbacks.size(), callbacks::toString);
        LraCallback c = callbacks.get(0);
        assertTrue(c.is(Participant.class, "complete"));
        assertEquals(200, c.status());
        assertTrue(c.order() > 1, "the start and the join came first: " + c);
    }

    @Test
    void cancelledLra() {
        String lra = lraOf("/p/work?fail=true");
        LraTesting.assertThatLra(lra).endsWithin(Duration.ofSeconds(5)).isCancelled()
                .compensatedOnce(Participant.class).neverCompleted();
    }

    @Test
    void lraCancelledByAnotherClientIsSeenThroughTheCallbacks() {
        String lra = given().get("/p/open").asString();
        LraTesting.coordinator().cancel(lra);
        LraTesting.assertThatLra(lra).endsWithin(Duration.ofSeconds(5)).isCancelled().compensatedOnce(Participant.class);
    }

    @Test
    void stillActiveFailsWithStateAndParticipants() {
        String lra = given().get("/p/open").asString();
        AssertionError e = assertThrows(AssertionError.class,
                () -> LraTesting.assertThatLra(lra).endsWithin(Duration.ofMillis(300)));
        assertTrue(e.getMessage().startsWith("LRA " + lra + " still Active after 300 ms; participants: [Participant]"),
                e.getMessage());
        LraTesting.coordinator().close(lra);
    }

    @Test
    void wrongExpectationsFailWithTheCallbacks() {
        String lra = lraOf("/p/work?fail=true");
        LraAssert a = LraTesting.assertThatLra(lra).endsWithin(Duration.ofSeconds(5));
        AssertionError status = assertThrows(AssertionError.class, a::isClosed);
        assertTrue(status.getMessage().contains("expected to end Closed but it is Cancelled"), status.getMessage());
        AssertionError count = assertThrows(AssertionError.class, () -> a.completedOnce(Participant.class));
        assertTrue(count.getMessage().startsWith("@Complete on Participant expected 1 time(s)"), count.getMessage());
        assertTrue(count.getMessage().contains("it was called 0 time(s); callbacks: [#"), count.getMessage());
    }

    @Test
    void coordinatorAccess() {
        LraCoordinator coordinator = LraTesting.coordinator();
        String lra = coordinator.start("test");
        assertTrue(lra.startsWith(coordinator.url()), lra);
        assertEquals(Optional.of(LRAStatus.Active), coordinator.status(lra));
        assertEquals("Closed", coordinator.close(lra));
        assertEquals(Optional.empty(), coordinator.status(lra));
        assertThrows(AssertionError.class, () -> LraTesting.assertThatLra(null));
    }

    @Test
    void outcomeNeedsEndsWithinFirst() {
        assertThrows(IllegalStateException.class, () -> LraTesting.assertThatLra("http://x/lra/1").outcome());
    }
}
