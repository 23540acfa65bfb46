package org.lraext.bench.kafka;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Scenario "kafka", service A: starts an LRA, publishes a record in it, and answers once the LRA has closed — which
 * service B does when its {@code @Incoming @LRA(MANDATORY)} step is done — so that the request's latency is the time
 * from the request to the close. A is a participant: its {@code @Complete} is how it learns of the close.
 */
@Path("/kafka-bench")
public class KafkaBenchResource {

    private final Map<String, CompletableFuture<String>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong compensated = new AtomicLong();

    @Inject
    @Channel("bench-requests")
    MutinyEmitter<String> requests;

    @POST
    @Path("start")
    @LRA(value = LRA.Type.REQUIRED, end = false)
    public Uni<String> start(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        CompletableFuture<String> closed = new CompletableFuture<>();
        waiting.put(lra, closed);
        return requests.send(lra)
                .chain(() -> Uni.createFrom().completionStage(closed))
                .ifNoItem().after(Duration.ofSeconds(10)).fail()
                .onTermination().invoke(() -> waiting.remove(lra));
    }

    @PUT
    @Path("complete")
    @Complete
    public Response complete(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        completed.incrementAndGet();
        CompletableFuture<String> closed = waiting.get(lra);
        if (closed != null) {
            closed.complete("closed");
        }
        return Response.ok().build();
    }

    @PUT
    @Path("compensate")
    @Compensate
    public Response compensate(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        compensated.incrementAndGet();
        CompletableFuture<String> closed = waiting.get(lra);
        if (closed != null) {
            closed.completeExceptionally(new IllegalStateException("LRA " + lra + " was cancelled"));
        }
        return Response.ok().build();
    }

    @Inject
    KafkaBenchStep step;

    /** A's callbacks and B's step (in B): "completed compensated | ran completed compensated". */
    @GET
    @Path("counts")
    public String counts() {
        return completed.get() + " " + compensated.get() + " | " + step.counts();
    }
}
