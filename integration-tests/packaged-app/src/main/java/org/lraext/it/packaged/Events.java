package org.lraext.it.packaged;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

/** What the participants of this application were told, per LRA, for the tests to read over HTTP. */
@ApplicationScoped
public class Events {

    private final Map<String, List<String>> byLra = new ConcurrentHashMap<>();

    public void add(String lra, String event) {
        byLra.computeIfAbsent(lra, k -> new CopyOnWriteArrayList<>()).add(event);
    }

    public List<String> of(String lra) {
        return byLra.getOrDefault(lra, List.of());
    }
}
