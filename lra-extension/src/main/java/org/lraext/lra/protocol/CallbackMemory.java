package org.lraext.lra.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The final answers a participant gave to {@code @Complete} and {@code @Compensate}, remembered so that a repeated
 * delivery of the same callback for the same LRA (the coordinator delivers at least once: it retries when an answer
 * is lost) is answered again without running the business method a second time.
 * <p>
 * Bounded: the least recently used answers are dropped first. It lives in memory, so after a restart a repeated
 * delivery reaches the method again; methods must still tolerate that (look at the business state first).
 */
public final class CallbackMemory {

    /** A remembered answer. */
    public record Answer(int status, String body) {
    }

    private final int capacity;
    private final LinkedHashMap<String, Answer> answers;

    /** @param capacity how many answers to keep; 0 remembers nothing */
    public CallbackMemory(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        this.capacity = capacity;
        this.answers = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Answer> eldest) {
                return size() > CallbackMemory.this.capacity;
            }
        };
    }

    /** Whether answers of this kind are remembered: only the two callbacks that do business work. */
    public static boolean remembers(CallbackKind kind) {
        return kind == CallbackKind.COMPLETE || kind == CallbackKind.COMPENSATE;
    }

    private static String key(CallbackKind kind, String participant, String lra) {
        return kind.rel() + '|' + participant + '|' + lra;
    }

    /** The answer already given to this callback, or null. */
    public Answer get(CallbackKind kind, String participant, String lra) {
        if (capacity == 0 || lra == null || !remembers(kind)) {
            return null;
        }
        synchronized (answers) {
            return answers.get(key(kind, participant, lra));
        }
    }

    /**
     * Remembers an answer when it is final and successful (200): a 202 (still working) or a failure must let the
     * coordinator's next delivery reach the method.
     */
    public void put(CallbackKind kind, String participant, String lra, int status, String body) {
        if (capacity == 0 || lra == null || status != 200 || !remembers(kind)) {
            return;
        }
        synchronized (answers) {
            answers.put(key(kind, participant, lra), new Answer(status, body));
        }
    }

    /** How many answers are remembered now. */
    public int size() {
        synchronized (answers) {
            return answers.size();
        }
    }
}
