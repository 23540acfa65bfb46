package org.lraext.quarkus.runtime.observability;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import org.lraext.lra.protocol.CallbackKind;
import org.lraext.quarkus.runtime.internal.LraMetrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The extension's metrics in Micrometer, registered when {@code quarkus-micrometer} is present:
 * <ul>
 * <li>{@code lra.started}, {@code lra.joined}: LRAs this application started for a request, and joined as a
 * participant;</li>
 * <li>{@code lra.ended} with {@code outcome} = {@code closed} / {@code cancelled} and {@code result} = {@code ok} /
 * {@code failed}: the ends this application asked for;</li>
 * <li>{@code lra.callbacks} with {@code kind} (compensate, complete, status, forget, after) and {@code outcome}
 * ({@code 2xx}, {@code 4xx}, {@code 5xx}...): the coordinator's calls to this application's participants;</li>
 * <li>{@code lra.coordinator.calls}, a timer with {@code operation} (start, join, close, cancel, status, leave, ping)
 * and {@code outcome} (the status class, or {@code unreachable}).</li>
 * </ul>
 * Meters are looked up once and kept, so counting costs no registry look-up per request.
 */
@Singleton
public class MicrometerLraMetrics implements LraMetrics {

    private static final String[] CLASSES = { "unreachable", "1xx", "2xx", "3xx", "4xx", "5xx" };

    private final MeterRegistry registry;
    private final Counter started;
    private final Counter joined;
    private final Counter[] ended = new Counter[4];
    private final Map<CallbackKind, Counter[]> callbacks = new EnumMap<>(CallbackKind.class);
    private final Map<String, Timer[]> calls = new ConcurrentHashMap<>();

    public MicrometerLraMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.started = Counter.builder("lra.started").description("LRAs started by this application").register(registry);
        this.joined = Counter.builder("lra.joined").description("LRAs this application joined as a participant")
                .register(registry);
        for (int i = 0; i < 4; i++) {
            ended[i] = Counter.builder("lra.ended").description("LRA ends this application asked the coordinator for")
                    .tag("outcome", i < 2 ? "closed" : "cancelled").tag("result", i % 2 == 0 ? "ok" : "failed")
                    .register(registry);
        }
        for (CallbackKind kind : CallbackKind.values()) {
            Counter[] byClass = new Counter[CLASSES.length];
            for (int c = 1; c < CLASSES.length; c++) {
                byClass[c] = Counter.builder("lra.callbacks").description("Participant callbacks answered")
                        .tag("kind", kind.rel()).tag("outcome", CLASSES[c]).register(registry);
            }
            callbacks.put(kind, byClass);
        }
    }

    private static int statusClass(int status) {
        return status >= 100 && status < 600 ? status / 100 : 0;
    }

    @Override
    public void started() {
        started.increment();
    }

    @Override
    public void joined() {
        joined.increment();
    }

    @Override
    public void ended(boolean cancel, boolean ok) {
        ended[(cancel ? 2 : 0) + (ok ? 0 : 1)].increment();
    }

    @Override
    public void callback(CallbackKind kind, int status) {
        int c = statusClass(status);
        if (c > 0) {
            callbacks.get(kind)[c].increment();
        }
    }

    @Override
    public void ended(Object token, String operation, int status, long nanos) {
        Timer[] timers = calls.computeIfAbsent(operation, op -> new Timer[CLASSES.length]);
        int c = statusClass(status);
        Timer t = timers[c];
        if (t == null) {
            t = Timer.builder("lra.coordinator.calls").description("Calls to LRA coordinators")
                    .tag("operation", operation).tag("outcome", CLASSES[c]).register(registry);
            timers[c] = t;
        }
        t.record(nanos, TimeUnit.NANOSECONDS);
    }
}
