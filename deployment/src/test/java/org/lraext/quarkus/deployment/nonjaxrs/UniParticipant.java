package org.lraext.quarkus.deployment.nonjaxrs;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.lra.annotation.AfterLRA;
import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.Forget;
import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.eclipse.microprofile.lra.annotation.ParticipantStatus;
import org.eclipse.microprofile.lra.annotation.Status;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Every callback a plain bean method returning a Mutiny {@code Uni}, resolved on another thread. An LRA whose work
 * was called with {@code ?fail=true} fails to complete: the coordinator then asks @Status and must call @Forget.
 */
@ApplicationScoped
@Path("/uni-plain")
public class UniParticipant {

    final List<String> completed = new CopyOnWriteArrayList<>();
    final List<String> compensated = new CopyOnWriteArrayList<>();
    final List<String> forgotten = new CopyOnWriteArrayList<>();
    final List<String> statusAsked = new CopyOnWriteArrayList<>();
    final Map<String, LRAStatus> after = new ConcurrentHashMap<>();
    final Set<String> failing = ConcurrentHashMap.newKeySet();
    /** Names of the threads the callbacks ran on: none may be a Vert.x event loop blocked by the callback. */
    final List<String> threads = new CopyOnWriteArrayList<>();

    // the test reads these through the bean's client proxy: methods, never fields
    List<String> completed() {
        return completed;
    }

    List<String> compensated() {
        return compensated;
    }

    List<String> forgotten() {
        return forgotten;
    }

    List<String> statusAsked() {
        return statusAsked;
    }

    Map<String, LRAStatus> after() {
        return after;
    }

    List<String> threads() {
        return threads;
    }

    @GET
    @Path("work")
    @LRA(end = false)
    public String work(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra, @QueryParam("fail") boolean fail) {
        if (fail) {
            failing.add(lra);
        }
        return lra;
    }

    private <T> Uni<T> later(T value) {
        threads.add(Thread.currentThread().getName());
        return Uni.createFrom().item(value).emitOn(Infrastructure.getDefaultWorkerPool());
    }

    @Complete
    public Uni<ParticipantStatus> complete(URI lra) {
        if (failing.contains(lra.toString())) {
            return later(ParticipantStatus.FailedToComplete);
        }
        completed.add(lra.toString());
        return later(ParticipantStatus.Completed);
    }

    @Compensate
    public Uni<ParticipantStatus> compensate(URI lra) {
        compensated.add(lra.toString());
        return later(ParticipantStatus.Compensated);
    }

    @Status
    public Uni<ParticipantStatus> status(URI lra) {
        statusAsked.add(lra.toString());
        if (failing.contains(lra.toString())) {
            return later(ParticipantStatus.FailedToComplete);
        }
        return later(compensated.contains(lra.toString()) ? ParticipantStatus.Compensated : ParticipantStatus.Completed);
    }

    @Forget
    public Uni<Void> forget(URI lra) {
        forgotten.add(lra.toString());
        failing.remove(lra.toString());
        return later(null);
    }

    @AfterLRA
    public Uni<Void> after(URI lra, LRAStatus status) {
        after.put(lra.toString(), status);
        return later(null);
    }
}
