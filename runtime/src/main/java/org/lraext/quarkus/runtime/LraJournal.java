package org.lraext.quarkus.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.microprofile.lra.annotation.LRAStatus;

/**
 * What this application did and received for each LRA, kept in dev and test mode only (in production every method is
 * a no-op): LRAs started and joined, ends requested with the coordinator's answer, and each callback with its status
 * code and duration. Read by the test support ({@code quarkus-lra-junit}) to assert how a saga ended.
 */
public final class LraJournal {

    /** How many LRAs are remembered; the oldest are forgotten first. */
    public static final int CAPACITY = 10_000;

    /** What happened. */
    public enum Kind {
        STARTED,
        JOINED,
        LEFT,
        CLOSE_REQUESTED,
        CANCEL_REQUESTED,
        CALLBACK
    }

    /**
     * One event.
     *
     * @param sequence order of the event in this application
     * @param kind what happened
     * @param participant the class concerned (the endpoint's or the participant's)
     * @param callback for {@link Kind#CALLBACK}: {@code compensate}, {@code complete}, {@code status}, {@code forget},
     *        {@code after}; else null
     * @param status for a callback, the HTTP status it answered; for an end, the coordinator's status code
     * @param detail for an end, the LRA status the coordinator reported; for {@code after}, the final status received
     * @param durationNanos how long the callback or the coordinator call took
     */
    public record Event(long sequence, Kind kind, String participant, String callback, int status, String detail,
            long durationNanos) {
    }

    private final boolean enabled;
    private final Map<String, List<Event>> byLra = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
    private final AtomicLong sequence = new AtomicLong();

    public LraJournal(boolean enabled) {
        this.enabled = enabled;
    }

    /** Whether events are kept (dev and test mode). */
    public boolean enabled() {
        return enabled;
    }

    public void record(String lra, Kind kind, String participant, String callback, int status, String detail,
            long durationNanos) {
        if (!enabled || lra == null) {
            return;
        }
        List<Event> events = byLra.computeIfAbsent(lra, k -> {
            order.add(k);
            return new CopyOnWriteArrayList<>();
        });
        events.add(new Event(sequence.incrementAndGet(), kind, participant, callback, status, detail, durationNanos));
        while (byLra.size() > CAPACITY) {
            String oldest = order.poll();
            if (oldest == null) {
                break;
            }
            byLra.remove(oldest);
        }
    }

    /** The LRAs with events, most recent first, at most {@code max}. */
    public List<String> recent(int max) {
        List<String> all = new ArrayList<>(order);
        List<String> result = new ArrayList<>(Math.min(max, all.size()));
        for (int i = all.size() - 1; i >= 0 && result.size() < max; i--) {
            if (byLra.containsKey(all.get(i))) {
                result.add(all.get(i));
            }
        }
        return result;
    }

    /** The events of one LRA, in order; empty when this application saw nothing of it. */
    public List<Event> events(String lra) {
        List<Event> events = byLra.get(lra);
        return events == null ? List.of() : List.copyOf(events);
    }

    /**
     * The final status of an LRA as far as this application knows it: the coordinator's answer when this application
     * ended it, the status an {@code @AfterLRA} callback received, or what a successful complete / compensate callback
     * implies.
     */
    public Optional<LRAStatus> finalStatus(String lra) {
        return finalStatus(events(lra));
    }

    /** The final status these events of one LRA tell (see {@link #finalStatus(String)}). */
    public static Optional<LRAStatus> finalStatus(List<Event> events) {
        LRAStatus found = null;
        for (Event e : events) {
            switch (e.kind()) {
                case CLOSE_REQUESTED, CANCEL_REQUESTED -> found = parse(e.detail()).orElse(found);
                case CALLBACK -> {
                    if ("after".equals(e.callback())) {
                        found = parse(e.detail()).orElse(found);
                    } else if (found == null && e.status() / 100 == 2 && e.status() != 202) {
                        if ("complete".equals(e.callback())) {
                            found = LRAStatus.Closed;
                        } else if ("compensate".equals(e.callback())) {
                            found = LRAStatus.Cancelled;
                        }
                    }
                }
                default -> {
                }
            }
        }
        return Optional.ofNullable(found);
    }

    private static Optional<LRAStatus> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            LRAStatus s = LRAStatus.valueOf(text.trim());
            return s == LRAStatus.Active || s == LRAStatus.Closing || s == LRAStatus.Cancelling ? Optional.empty()
                    : Optional.of(s);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
