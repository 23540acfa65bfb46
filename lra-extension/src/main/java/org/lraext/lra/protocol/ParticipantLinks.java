package org.lraext.lra.protocol;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The callback paths of one participant class, and the {@code Link} header that enlists it.
 * <p>
 * Paths are relative to the application's base URI (they never start with {@code /}); the base is known only at run
 * time (configured, or taken from the request), so the header is built by {@link #linkHeader(String)}.
 */
public final class ParticipantLinks {

    private final Map<CallbackKind, String> paths;
    /** The header last built, with its base: the base rarely changes, so most joins reuse it. */
    private volatile Built last;

    private record Built(String base, String header) {
    }

    public ParticipantLinks(Map<CallbackKind, String> paths) {
        EnumMap<CallbackKind, String> copy = new EnumMap<>(CallbackKind.class);
        paths.forEach((k, v) -> copy.put(k, trimSlashes(v)));
        if (!copy.containsKey(CallbackKind.COMPENSATE) && !copy.containsKey(CallbackKind.AFTER)) {
            throw new IllegalArgumentException("A participant needs a @Compensate or an @AfterLRA callback: " + paths);
        }
        this.paths = Collections.unmodifiableMap(copy);
    }

    /** The absolute URL of one callback, or null when the participant does not have it. */
    public String url(String baseUri, CallbackKind kind) {
        String path = paths.get(kind);
        return path == null ? null : join(baseUri, path);
    }

    /**
     * The {@code Link} header value for a join: one entry per callback, e.g.
     * {@code <http://h/app/hotel/compensate>; rel="compensate"; title="compensate URI"; type="text/plain"}.
     *
     * @param baseUri the absolute base URI the callbacks are reachable under
     */
    public String linkHeader(String baseUri) {
        Built built = last;
        if (built != null && built.base.equals(baseUri)) {
            return built.header;
        }
        String header = buildLinkHeader(baseUri, null);
        last = new Built(baseUri, header);
        return header;
    }

    /**
     * The {@code Link} header with a query string appended to every callback URL (e.g. a callback signature), built
     * for each join.
     *
     * @param query {@code name=value} without {@code ?}, already URL-safe; null for none
     */
    public String linkHeader(String baseUri, String query) {
        return query == null ? linkHeader(baseUri) : buildLinkHeader(baseUri, query);
    }

    private String buildLinkHeader(String baseUri, String query) {
        StringBuilder sb = new StringBuilder(paths.size() * 96);
        for (Map.Entry<CallbackKind, String> e : paths.entrySet()) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            String rel = e.getKey().rel();
            sb.append('<').append(join(baseUri, e.getValue()));
            if (query != null) {
                sb.append('?').append(query);
            }
            sb.append(">; rel=\"").append(rel)
                    .append("\"; title=\"").append(rel).append(" URI\"; type=\"text/plain\"");
        }
        return sb.toString();
    }

    static String join(String base, String path) {
        if (base.endsWith("/")) {
            return path.isEmpty() ? base.substring(0, base.length() - 1) : base + path;
        }
        return path.isEmpty() ? base : base + '/' + path;
    }

    static String trimSlashes(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }

    @Override
    public String toString() {
        return "ParticipantLinks" + paths;
    }
}
