package org.lraext.quarkus.runtime.devui;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.lraext.lra.coordinator.CoordinatorClient;
import org.lraext.lra.coordinator.LraEnd;
import org.lraext.lra.protocol.ClassNames;
import org.lraext.lra.protocol.InvalidLraIdException;
import org.lraext.lra.protocol.LraIds;
import org.lraext.quarkus.runtime.LraJournal;

import io.smallrye.mutiny.Uni;

/**
 * The Dev UI's data (JSON-RPC, dev mode only): the LRAs this application started or joined, with their live status
 * from the coordinator and what happened to its participants; and close / cancel for an active one.
 */
public class LraDevUiService {

    static final int SHOWN = 50;

    @Inject
    LraJournal journal;
    @Inject
    CoordinatorClient coordinator;

    public String coordinatorUrl() {
        java.net.URI primary = coordinator.ids().primary();
        return primary == null ? "" : primary.toString();
    }

    public Uni<List<Map<String, Object>>> lras() {
        List<String> ids = journal.recent(SHOWN);
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<Map<String, Object>>> rows = new ArrayList<>();
        for (String id : ids) {
            rows.add(Uni.createFrom().completionStage(() -> coordinator.status(URI.create(id)))
                    .map(status -> row(id, status != null ? status.name()
                            : journal.finalStatus(id).map(s -> s.name() + " (ended)").orElse("Ended")))
                    .onFailure().recoverWithItem(t -> row(id, "Unknown: " + t.getMessage())));
        }
        return Uni.join().all(rows).andCollectFailures();
    }

    public Uni<String> close(String lra) {
        return end(lra, LraEnd.CLOSE);
    }

    public Uni<String> cancel(String lra) {
        return end(lra, LraEnd.CANCEL);
    }

    private Uni<String> end(String lra, LraEnd end) {
        URI id;
        try {
            id = coordinator.ids().parse(lra);
        } catch (InvalidLraIdException e) {
            return Uni.createFrom().item(e.getMessage());
        }
        return Uni.createFrom().completionStage(() -> coordinator.end(id, end))
                .map(status -> (end == LraEnd.CANCEL ? "Cancelled " : "Closed ") + lra + ": " + status)
                .onFailure().recoverWithItem(t -> "Could not " + end.operation() + " " + lra + ": " + t.getMessage());
    }

    private Map<String, Object> row(String id, String status) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("uid", LraIds.uid(URI.create(id)));
        row.put("status", status);
        row.put("active", "Active".equals(status));
        List<Map<String, Object>> events = new ArrayList<>();
        for (LraJournal.Event e : journal.events(id)) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("kind", e.kind().name());
            event.put("participant", e.participant() == null ? "" : ClassNames.simple(e.participant()));
            event.put("callback", e.callback() == null ? "" : e.callback());
            event.put("status", e.status());
            event.put("detail", e.detail() == null ? "" : e.detail());
            event.put("millis", Math.round(e.durationNanos() / 100_000.0) / 10.0);
            events.add(event);
        }
        row.put("events", events);
        return row;
    }
}
