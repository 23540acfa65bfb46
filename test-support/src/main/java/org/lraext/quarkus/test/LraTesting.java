package org.lraext.quarkus.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.lraext.lra.protocol.ClassNames;
import org.lraext.quarkus.runtime.LraJournal;


/**
 * Test support for sagas in {@code @QuarkusTest} and {@code @QuarkusIntegrationTest} (with {@link LraTestResource}):
 * await the end of an LRA with a bounded wait, read its final status and the callbacks the application's participants
 * received, and assert on them fluently.
 *
 * <pre>
 * String lra = given().post("/trips").then().statusCode(201).extract().header(LRA.LRA_HTTP_CONTEXT_HEADER);
 * LraTesting.assertThatLra(lra).endsWithin(Duration.ofSeconds(5)).isClosed()
 *         .completedOnce(TripResource.class).neverCompensated();
 * </pre>
 */
public final class LraTesting {

    private static final Set<LRAStatus> RUNNING = EnumSet.of(LRAStatus.Active, LRAStatus.Closing, LRAStatus.Cancelling);
    private static final long POLL_MILLIS = 20;

    private LraTesting() {
    }

    /** The coordinator the application under test uses. */
    public static LraCoordinator coordinator() {
        return new LraCoordinator(ApplicationView.current().coordinatorUrl());
    }

    /** Fluent assertions on one LRA, e.g. the id from a response's {@code Long-Running-Action} header. */
    public static LraAssert assertThatLra(String lraId) {
        if (lraId == null || lraId.isBlank()) {
            throw new AssertionError("No LRA id: did the response carry the Long-Running-Action header?");
        }
        return new LraAssert(lraId);
    }

    /** The callbacks the application's participants received for the LRA so far, in order. */
    public static List<LraCallback> callbacks(String lraId) {
        return callbacks(ApplicationView.current().events(lraId));
    }

    private static List<LraCallback> callbacks(List<LraJournal.Event> events) {
        List<LraCallback> result = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            LraJournal.Event e = events.get(i);
            if (e.kind() == LraJournal.Kind.CALLBACK) {
                result.add(new LraCallback(i + 1, e.participant(), e.callback(), e.status(),
                        Duration.ofNanos(e.durationNanos())));
            }
        }
        return result;
    }

    /**
     * Waits until the LRA has ended (the coordinator reports a final status or has forgotten it), at most
     * {@code timeout}; fails with what is known of it when it has not.
     */
    public static LraOutcome awaitEnd(String lraId, Duration timeout) {
        LraCoordinator coordinator = coordinator();
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<LRAStatus> status = coordinator.status(lraId);
        while (status.isPresent() && RUNNING.contains(status.get())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("LRA " + lraId + " still " + status.get() + " after " + describe(timeout) + "; "
                        + seen(lraId));
            }
            try {
                TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for LRA " + lraId, e);
            }
            status = coordinator.status(lraId);
        }
        List<LraJournal.Event> events = ApplicationView.current().events(lraId);
        Optional<LRAStatus> end = status.isPresent() ? status : LraJournal.finalStatus(events);
        return new LraOutcome(lraId, end, callbacks(events));
    }

    /** What the application saw of an LRA, for failure messages. */
    static String seen(String lraId) {
        List<LraJournal.Event> events = ApplicationView.current().events(lraId);
        if (events.isEmpty()) {
            return "this application saw nothing of it";
        }
        String participants = events.stream().filter(e -> e.kind() == LraJournal.Kind.JOINED)
                .map(e -> ClassNames.simple(e.participant())).distinct().collect(Collectors.joining(", "));
        return "participants: [" + participants + "]; callbacks: " + callbacks(events) + "; events: "
                + events.stream().map(e -> e.kind() + (e.callback() == null ? "" : "(" + e.callback() + ")")
                        + (e.detail() == null ? "" : "=" + e.detail()))
                        .collect(Collectors.joining(", ", "[", "]"));
    }

    static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
