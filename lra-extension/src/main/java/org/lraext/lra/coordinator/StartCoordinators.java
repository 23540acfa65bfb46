package org.lraext.lra.coordinator;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where new top-level LRAs start: a fixed list taken in turn, or a service discovery (Stork). Every later operation on
 * an LRA goes to the coordinator its id names, whatever this says.
 */
public interface StartCoordinators {

    /**
     * The coordinators to try for the next LRA, the chosen one first, then the others to fall back on. The client
     * moves coordinators it has just seen down to the end.
     */
    CompletionStage<List<URI>> next();

    /** Every coordinator new LRAs may start on now, for readiness checks. */
    CompletionStage<List<URI>> all();

    /** Whether there may be more than one coordinator to start on (a discovery: yes). */
    default boolean several() {
        return true;
    }

    /**
     * How the start on the chosen coordinator (the first of {@link #next()}) ended, for strategies that learn from it.
     *
     * @param failure null when the LRA started
     */
    default void started(URI coordinator, Throwable failure) {
    }

    /** Round-robin over a fixed list. */
    static StartCoordinators roundRobin(List<URI> coordinators) {
        List<URI> list = List.copyOf(coordinators);
        if (list.isEmpty()) {
            throw new IllegalArgumentException("At least one coordinator URL is needed");
        }
        CompletableFuture<List<URI>> all = CompletableFuture.completedFuture(list);
        AtomicInteger position = new AtomicInteger();
        return new StartCoordinators() {
            @Override
            public boolean several() {
                return list.size() > 1;
            }

            @Override
            public CompletionStage<List<URI>> next() {
                if (list.size() == 1) {
                    return all;
                }
                int first = Math.floorMod(position.getAndIncrement(), list.size());
                List<URI> order = new ArrayList<>(list.size());
                for (int i = 0; i < list.size(); i++) {
                    order.add(list.get((first + i) % list.size()));
                }
                return CompletableFuture.completedFuture(order);
            }

            @Override
            public CompletionStage<List<URI>> all() {
                return all;
            }
        };
    }
}
