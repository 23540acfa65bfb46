package org.lraext.it.kafka;

import java.net.URI;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

/** What happened, by kind and LRA, for the tests to read. */
@ApplicationScoped
public class Ledger {

    private final ConcurrentMap<String, List<String>> entries = new ConcurrentHashMap<>();

    public void add(String kind, Object value) {
        entries.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>()).add(String.valueOf(value));
    }

    public List<String> get(String kind) {
        return List.copyOf(entries.getOrDefault(kind, List.of()));
    }

    public long count(String kind, Object value) {
        return get(kind).stream().filter(String.valueOf(value)::equals).count();
    }
}
