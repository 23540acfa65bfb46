package org.lraext.bench.kafka;

import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Scenario "kafka", service B: consumes A's record in its LRA (joining this bean's participant methods) and closes the
 * LRA when the step is done (end = true). A blocking step on worker threads, unordered, so that the records of one
 * partition are served side by side, as HTTP requests are (an ordered consumer serves one record, with its join and
 * its close, at a time).
 */
@ApplicationScoped
public class KafkaBenchStep {

    private final AtomicLong ran = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong compensated = new AtomicLong();

    @Incoming("bench-requests-in")
    @LRA(LRA.Type.MANDATORY)
    @Blocking(ordered = false)
    public void step(String lra) {
        ran.incrementAndGet();
    }

    @Complete
    public void complete(URI lra) {
        completed.incrementAndGet();
    }

    @Compensate
    public void compensate(URI lra) {
        compensated.incrementAndGet();
    }

    /** "ran completed compensated". */
    public String counts() {
        return ran.get() + " " + completed.get() + " " + compensated.get();
    }
}
