package org.lraext.lra.coordinator;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import io.vertx.core.Future;

/**
 * Starts whose answer was lost: the start was sent but its answer never came (the connection dropped, the coordinator
 * crashed or timed out), or was a 5xx. The coordinator may have created the LRA, which nobody knows the id of and
 * which would stay Active for ever. Each start has a unique client id ({@link #uniqueId}); once the coordinator
 * answers again its active LRAs are listed and those with lost starts' client ids are cancelled. One look-up per
 * coordinator serves every start lost on it (with some jitter); each start is looked for twice, the second time later,
 * for a coordinator slow to finish it; looks are retried with back-off while the coordinator cannot be reached.
 */
final class LostStarts {

    private static final Logger LOG = Logger.getLogger(LostStarts.class);
    /** The mark that makes each start's ClientID unique: {@code <client id>;start=<16 hex digits>}. */
    static final String START_MARK = ";start=";
    /** At most this many lost starts are looked for at a time; more are only logged. */
    static final int MAX_LOST_STARTS = 10_000;

    private final CoordinatorTransport transport;
    private final CoordinatorProtocol protocol;
    private final AtomicInteger count = new AtomicInteger();
    private final Map<URI, Lost> byCoordinator = new ConcurrentHashMap<>();

    /** The starts lost on one coordinator still to be looked for, with how many looks each has had. */
    private static final class Lost {
        final Map<String, Integer> looks = new HashMap<>();
        boolean scheduled;
    }

    LostStarts(CoordinatorTransport transport, CoordinatorProtocol protocol) {
        this.transport = transport;
        this.protocol = protocol;
    }

    /** A client id for one start: the given one with a random mark, so that a lost start can be found again. */
    static String uniqueId(String clientId) {
        String random = Long.toHexString(ThreadLocalRandom.current().nextLong());
        return clientId + START_MARK + "0".repeat(16 - random.length()) + random;
    }

    /** Whether a failed start may have created its LRA: the coordinator answered 5xx, or the request went out unanswered. */
    static boolean maybeCreated(Throwable t) {
        CoordinatorException e = Failures.coordinatorFailure(t);
        return e != null && (e.answered() >= 500 || e.answered() == 0 && CoordinatorTransport.maybeReceived(e));
    }

    /** How many are still being looked for. */
    int count() {
        return count.get();
    }

    /** Looks for the LRA a failed start may have created, and cancels it. */
    void add(URI coordinator, String uniqueId) {
        if (count.incrementAndGet() > MAX_LOST_STARTS) {
            count.decrementAndGet();
            LOG.warnf("An LRA start on %s got no answer (ClientID %s); too many are being looked for already: if it"
                    + " was created it stays Active", coordinator, uniqueId);
            return;
        }
        LOG.infof("An LRA start on %s got no answer; the LRA with ClientID %s will be cancelled if it was created",
                coordinator, uniqueId);
        Lost lost = byCoordinator.computeIfAbsent(coordinator, c -> new Lost());
        boolean schedule;
        synchronized (lost) {
            lost.looks.put(uniqueId, 0);
            schedule = !lost.scheduled;
            lost.scheduled = true;
        }
        if (schedule) {
            // late enough for a slow coordinator to have finished the start it received
            look(coordinator, lost, firstLookMillis());
        }
    }

    private long firstLookMillis() {
        long base = Math.max(1000, 2 * transport.requestTimeoutMillis());
        return base + ThreadLocalRandom.current().nextLong(base / 4 + 1);
    }

    private void look(URI coordinator, Lost lost, long delayMillis) {
        transport.later(delayMillis, () -> {
            if (transport.closed()) {
                return;
            }
            protocol.activeByClientId(coordinator, START_MARK)
                    .compose(found -> Future.join(cancelFound(lost, found)).<Void> mapEmpty().otherwiseEmpty())
                    .onComplete(ar -> {
                        boolean again;
                        synchronized (lost) {
                            if (ar.failed() && Failures.refused(ar.cause())) {
                                giveUp(coordinator, lost, ar.cause());
                            }
                            again = !lost.looks.isEmpty();
                            lost.scheduled = again;
                        }
                        if (again) {
                            long next = ar.succeeded() ? firstLookMillis() : Math.min(30_000, delayMillis * 2);
                            look(coordinator, lost, next);
                        }
                    });
        });
    }

    /**
     * The coordinator refuses this service's credentials to list its LRAs (a secured coordinator lists them to its
     * administrators only): the lost starts cannot be found, so they are forgotten, with one warning, rather than
     * looked for again every 30 s for ever. Their LRAs, if they were created, end by their time limit.
     */
    private void giveUp(URI coordinator, Lost lost, Throwable refusal) {
        int n = lost.looks.size();
        lost.looks.clear();
        count.addAndGet(-n);
        LOG.warnf("%d LRA start(s) on %s got no answer and cannot be looked for: the coordinator does not list its LRAs"
                + " to this service (%s). If they were created they stay Active until their time limit; a service"
                + " with the coordinator's lra-admin role would find and cancel them", n, coordinator,
                refusal.getMessage());
    }

    /** Cancels the lost starts found; forgets those found and those looked for twice. */
    private List<Future<?>> cancelFound(Lost lost, Map<String, URI> found) {
        List<Future<?>> cancels = new ArrayList<>();
        synchronized (lost) {
            for (var it = lost.looks.entrySet().iterator(); it.hasNext();) {
                var e = it.next();
                URI id = found.get(e.getKey());
                if (id != null) {
                    cancels.add(protocol.end(id, LraEnd.CANCEL).onSuccess(v -> LOG.infof(
                            "Cancelled LRA %s: its start's answer was lost, nobody could end it", id)));
                }
                if (id != null || e.getValue() >= 1) {
                    it.remove();
                    count.decrementAndGet();
                } else {
                    e.setValue(e.getValue() + 1);
                }
            }
        }
        return cancels;
    }
}
