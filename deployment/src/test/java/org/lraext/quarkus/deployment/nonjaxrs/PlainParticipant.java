package org.lraext.quarkus.deployment.nonjaxrs;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.lra.annotation.AfterLRA;
import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.eclipse.microprofile.lra.annotation.ParticipantStatus;
import org.eclipse.microprofile.lra.annotation.Status;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;

/**
 * A participant whose callbacks are plain methods of the bean, not JAX-RS methods.
 */
@ApplicationScoped
@Path("/plain")
public class PlainParticipant {

    private final List<String> completed = new CopyOnWriteArrayList<>();
    private final List<String> compensated = new CopyOnWriteArrayList<>();
    private final Map<String, LRAStatus> after = new ConcurrentHashMap<>();

    public boolean completed(String lra) {
        return completed.contains(lra);
    }

    public boolean compensated(String lra) {
        return compensated.contains(lra);
    }

    public LRAStatus after(String lra) {
        return after.get(lra);
    }

    @GET
    @Path("work")
    @LRA(end = false)
    public String work(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) String lra) {
        return lra;
    }

    @Complete
    public ParticipantStatus complete(URI lra, URI parent) {
        completed.add(lra.toString());
        return ParticipantStatus.Completed;
    }

    @Compensate
    public CompletionStage<Void> compensate(URI lra) {
        return CompletableFuture.runAsync(() -> compensated.add(lra.toString()));
    }

    @Status
    public ParticipantStatus status(URI lra) {
        return completed.contains(lra.toString()) ? ParticipantStatus.Completed : ParticipantStatus.Compensated;
    }

    @AfterLRA
    public void after(URI lra, LRAStatus status) {
        after.put(lra.toString(), status);
    }
}
