package org.lraext.lra.protocol;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parses LRA ids received in headers and decides whether they belong to a trusted coordinator.
 * <p>
 * An LRA id is the URL {@code {coordinator base}/{uid}} (Narayana adds {@code ?ParentLRA=...} to nested ones). Since a
 * participant calls the coordinator an id names, an id is used only when its scheme, host, port and base path are
 * exactly those of a trusted coordinator and its uid is a plain path segment.
 */
public final class LraIds {

    /** Longest header value accepted; real ids are far shorter, nested ones included. */
    public static final int MAX_LENGTH = 2048;

    /** How many discovered coordinators are remembered at most. */
    static final int MAX_DISCOVERED = 1024;

    /** How many recently seen LRA ids are remembered at most (a few seconds' worth under load). */
    static final int MAX_RECENT = 1024;

    private final List<URI> trusted;
    private final List<URI> startOn;
    private final boolean discovery;
    /** Coordinators a service discovery named: their LRAs stay trusted after they leave the discovery's list. */
    private final Set<URI> discovered = ConcurrentHashMap.newKeySet();
    /**
     * Recently seen ids of trusted coordinators, by their exact text: an LRA's id comes back in its callbacks and in
     * the calls that join it, and parsing it again each time is a measurable share of a participant's work. Trust
     * only grows (configured and discovered coordinators stay trusted), so a remembered id stays valid.
     */
    private final Map<String, URI> recent = new ConcurrentHashMap<>();

    /**
     * @param coordinators the base URLs of the trusted coordinators, e.g. {@code http://localhost:50000/lra-coordinator};
     *        new LRAs start on the first
     */
    public LraIds(List<String> coordinators) {
        this(coordinators.isEmpty() ? List.of() : coordinators.subList(0, 1), coordinators);
    }

    /**
     * @param startOn the coordinators new LRAs start on (also trusted)
     * @param alsoTrusted other coordinators whose LRAs are accepted
     */
    public LraIds(List<String> startOn, List<String> alsoTrusted) {
        this(startOn, alsoTrusted, false);
    }

    /**
     * Ids for LRAs started on coordinators a service discovery names ({@link #discover}), and on the other trusted ones.
     */
    public static LraIds discovering(List<String> alsoTrusted) {
        return new LraIds(List.of(), alsoTrusted, true);
    }

    private LraIds(List<String> startOn, List<String> alsoTrusted, boolean discovery) {
        this.discovery = discovery;
        List<URI> start = new ArrayList<>();
        for (String c : startOn) {
            URI u = normaliseBase(c);
            if (!start.contains(u)) {
                start.add(u);
            }
        }
        if (start.isEmpty() && !discovery) {
            throw new IllegalArgumentException("At least one coordinator URL is needed");
        }
        List<URI> list = new ArrayList<>(start);
        for (String c : alsoTrusted) {
            URI u = normaliseBase(c);
            if (!list.contains(u)) {
                list.add(u);
            }
        }
        this.startOn = List.copyOf(start);
        this.trusted = List.copyOf(list);
    }

    /**
     * Trusts a coordinator the service discovery named, from now on.
     *
     * @return its normalised base URL
     * @throws IllegalArgumentException when it is not an http(s) URL, or when these ids do not use a discovery
     */
    public URI discover(String base) {
        if (!discovery) {
            throw new IllegalArgumentException("These LRA ids trust configured coordinators only");
        }
        URI u = normaliseBase(base);
        if (!discovered.contains(u) && !trusted.contains(u)) {
            if (discovered.size() >= MAX_DISCOVERED) {
                throw new IllegalArgumentException("More than " + MAX_DISCOVERED + " coordinators discovered; not"
                        + " trusting " + u);
            }
            discovered.add(u);
        }
        return u;
    }

    /** The coordinators new LRAs start on, in configured order. */
    public List<URI> startOn() {
        return startOn;
    }

    /** The trusted coordinator bases, normalised. */
    public List<URI> trusted() {
        return trusted;
    }

    /** The first configured coordinator, else the first discovered one, else null. */
    public URI primary() {
        if (!trusted.isEmpty()) {
            return trusted.get(0);
        }
        return discovered.stream().findFirst().orElse(null);
    }

    /**
     * Parses a header value into an LRA id of a trusted coordinator.
     *
     * @throws InvalidLraIdException with status 400 for a malformed value, 403 for an untrusted coordinator
     */
    public URI parse(String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidLraIdException(400, "The " + LraHeaders.CONTEXT + " header is empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidLraIdException(400, "The " + LraHeaders.CONTEXT + " header is longer than " + MAX_LENGTH
                    + " characters");
        }
        URI known = recent.get(value);
        if (known != null) {
            return known;
        }
        int unsafe = unsafeCharacter(value);
        if (unsafe >= 0) {
            throw new InvalidLraIdException(400, "The " + LraHeaders.CONTEXT
                    + " header contains a control, space or non-ASCII character at index " + unsafe);
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new InvalidLraIdException(400, "The " + LraHeaders.CONTEXT + " header is not a URL: " + e.getMessage());
        }
        String problem = shapeProblem(uri);
        if (problem != null) {
            throw new InvalidLraIdException(400, problem + ": " + value);
        }
        if (coordinatorOf(uri) == null) {
            throw new InvalidLraIdException(403, "The LRA " + value + " does not belong to a trusted coordinator "
                    + (discovery ? trusted + " or one the service discovery named " + discovered : trusted) + "; add its coordinator to quarkus.lra.trusted-coordinators if it should be accepted");
        }
        remember(value, uri);
        return uri;
    }

    /** The id a header names when it is a valid id of a trusted coordinator, else null (for contexts that are only ignored). */
    public URI parseOrNull(String value) {
        if (value == null) {
            return null;
        }
        try {
            return parse(value);
        } catch (InvalidLraIdException e) {
            return null;
        }
    }

    /**
     * Remembers the id of an LRA a trusted coordinator has just started, so that its callbacks' and joins' headers need
     * no parsing; ids of other coordinators are ignored.
     */
    public void started(URI id) {
        // remembered only if parse would accept the same text
        String value = id.toString();
        if (value.length() <= MAX_LENGTH && unsafeCharacter(value) < 0 && shapeProblem(id) == null
                && coordinatorOf(id) != null) {
            remember(value, id);
        }
    }

    /** The index of the first control, space or non-ASCII character, or -1. */
    private static int unsafeCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return i;
            }
        }
        return -1;
    }

    /** Why a parsed URL cannot be an LRA id, or null when it can. */
    private static String shapeProblem(URI uri) {
        if (!uri.isAbsolute() || uri.getRawAuthority() == null || uri.getRawPath() == null) {
            return "The " + LraHeaders.CONTEXT + " header is not an absolute URL";
        }
        if (uri.getRawFragment() != null) {
            return "An LRA id has no fragment";
        }
        return null;
    }

    private void remember(String value, URI id) {
        if (recent.size() >= MAX_RECENT) {
            recent.clear();
        }
        recent.put(value, id);
    }

    /**
     * The trusted coordinator base an LRA id belongs to, or null when it belongs to none.
     */
    public URI coordinatorOf(URI id) {
        if (id.getRawUserInfo() != null || id.getHost() == null || id.getRawPath() == null) {
            return null;
        }
        String path = id.getRawPath();
        int slash = path.lastIndexOf('/');
        if (slash < 0 || !isUid(path.substring(slash + 1))) {
            return null;
        }
        String basePath = path.substring(0, slash);
        String scheme = id.getScheme().toLowerCase(Locale.ROOT);
        String host = id.getHost().toLowerCase(Locale.ROOT);
        int port = effectivePort(scheme, id.getPort());
        for (URI t : trusted) {
            if (matches(t, scheme, host, port, basePath)) {
                return t;
            }
        }
        if (discovery) {
            for (URI t : discovered) {
                if (matches(t, scheme, host, port, basePath)) {
                    return t;
                }
            }
        }
        return null;
    }

    private static boolean matches(URI t, String scheme, String host, int port, String basePath) {
        return t.getScheme().equals(scheme) && t.getHost().equals(host) && effectivePort(scheme, t.getPort()) == port
                && t.getRawPath().equals(basePath);
    }

    /** The uid of an LRA id: its last path segment. */
    public static String uid(URI id) {
        String path = id.getRawPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The URL of an operation on an LRA, e.g. {@code base/uid/close}, with any query of the id dropped. */
    public static String operationUrl(URI coordinator, URI id, String operation) {
        String base = coordinator.toString() + '/' + uid(id);
        return operation == null ? base : base + '/' + operation;
    }

    static boolean isUid(String segment) {
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
            return false;
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
                    || c == ':' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static URI normaliseBase(String value) {
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Not a coordinator URL: " + value + " (" + e.getMessage() + ")", e);
        }
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("A coordinator URL is http(s)://host[:port]/path, without user-info, query or"
                    + " fragment: " + value);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("A coordinator URL is http or https: " + value);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        try {
            return new URI(scheme, null, uri.getHost().toLowerCase(Locale.ROOT), effectivePort(scheme, uri.getPort()),
                    path.isEmpty() ? "" : new URI(path).getPath(), null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Not a coordinator URL: " + value, e);
        }
    }

    static int effectivePort(String scheme, int port) {
        if (port >= 0) {
            return port;
        }
        return "https".equals(scheme) ? 443 : 80;
    }
}
