package org.lraext.quarkus.runtime.internal;

import java.net.URI;

import org.lraext.lra.coordinator.CoordinatorClient;
import org.lraext.quarkus.runtime.LraConfigKeys;
import org.lraext.quarkus.runtime.LraJournal;

import io.quarkus.arc.Arc;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /q/lra/journal}: the application's coordinator; {@code GET /q/lra/journal?lra=<id>}: what the
 * application did and received for that LRA. How {@code quarkus-lra-junit} reads a packaged (or native) application
 * under {@code @QuarkusIntegrationTest}. Answers 404 unless the journal is kept ({@value LraConfigKeys#JOURNAL_ENABLED}).
 */
public final class JournalHandler implements Handler<RoutingContext> {

    /** Where it is served, under the non-application root ({@code /q}). */
    public static final String PATH = "lra/journal";

    /** The beans it reads, looked up at the first request (the handler is made before the container starts). */
    private volatile LraJournal journal;
    private volatile CoordinatorClient coordinator;

    @Override
    public void handle(RoutingContext rc) {
        if (journal == null) {
            coordinator = Arc.container().instance(CoordinatorClient.class).get();
            journal = Arc.container().instance(LraJournal.class).get();
        }
        if (!journal.enabled()) {
            rc.response().setStatusCode(404).putHeader("Content-Type", "text/plain")
                    .end("The LRA journal is off: set " + LraConfigKeys.JOURNAL_ENABLED + "=true to keep it");
            return;
        }
        String lra = rc.request().getParam("lra");
        JsonObject body = new JsonObject();
        if (lra == null) {
            URI primary = coordinator.ids().primary();
            body.put("coordinator", primary == null ? null : primary.toString());
        } else {
            JsonArray events = new JsonArray();
            for (LraJournal.Event e : journal.events(lra)) {
                events.add(new JsonObject().put("sequence", e.sequence()).put("kind", e.kind().name())
                        .put("participant", e.participant()).put("callback", e.callback()).put("status", e.status())
                        .put("detail", e.detail()).put("durationNanos", e.durationNanos()));
            }
            body.put("lra", lra).put("events", events);
        }
        rc.response().putHeader("Content-Type", "application/json").end(body.encode());
    }
}
