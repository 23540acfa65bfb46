package org.lraext.lra.coordinator;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.lraext.lra.coordinator.CoordinatorTransport.Answer;
import org.lraext.lra.protocol.LraIds;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The coordinator's HTTP protocol as Narayana implements it, one call on one coordinator each: the URL of each
 * operation and what its answers mean. Every failure is a {@link CoordinatorException} whose status a participant can
 * hand to its caller: 503 when the coordinator cannot be reached or fails, 412 when the LRA is no longer active, 403
 * for an LRA of an untrusted coordinator (never contacted).
 */
final class CoordinatorProtocol {

    private final CoordinatorTransport transport;
    private final LraIds ids;

    CoordinatorProtocol(CoordinatorTransport transport, LraIds ids) {
        this.transport = transport;
        this.ids = ids;
    }

    LraIds ids() {
        return ids;
    }

    /**
     * Starts an LRA on this coordinator.
     *
     * @param clientId its client id, unique per start (see {@link LostStarts#uniqueId})
     * @param parent the parent of a nested LRA, or null
     */
    Future<URI> start(URI coordinator, String clientId, long timeLimitMillis, URI parent) {
        StringBuilder url = new StringBuilder(coordinator.toString()).append("/start?ClientID=")
                .append(URLEncoder.encode(clientId, StandardCharsets.UTF_8)).append("&TimeLimit=").append(timeLimitMillis);
        if (parent != null) {
            url.append("&ParentLRA=").append(URLEncoder.encode(parent.toString(), StandardCharsets.UTF_8));
        }
        return transport.call("start", null, HttpMethod.POST, url.toString(), null, null).map(r -> {
            if (r.status() == 201 || r.status() == 200) {
                String location = r.location() != null ? r.location() : r.body().trim();
                try {
                    URI id = URI.create(location);
                    ids.started(id);
                    return id;
                } catch (IllegalArgumentException e) {
                    throw new CoordinatorException(503, "The LRA coordinator answered start with an invalid LRA id: "
                            + location, e);
                }
            }
            if (parent != null && (r.status() == 404 || r.status() == 412)) {
                throw new CoordinatorException(412, r.status(), "Cannot start an LRA nested in " + parent
                        + ": the coordinator answered " + r.status() + " " + r.body(), null);
            }
            throw unexpected("start an LRA", r);
        });
    }

    /** Enlists a participant; completes with its recovery URL, or null when the coordinator gave none. */
    Future<URI> join(URI lra, long timeLimitMillis, String linkHeader) {
        URI coordinator = ids.coordinatorOf(lra);
        if (coordinator == null) {
            return untrusted(lra);
        }
        String url = LraIds.operationUrl(coordinator, lra, null) + "?TimeLimit=" + timeLimitMillis;
        return transport.call("join", lra, HttpMethod.PUT, url, linkHeader, null).map(r -> {
            if (r.status() == 200 || r.status() == 201) {
                String recovery = r.recovery() != null ? r.recovery() : r.location() != null ? r.location() : r.body().trim();
                return recovery.isEmpty() ? null : URI.create(recovery);
            }
            if (r.status() == 404 || r.status() == 410) {
                throw new CoordinatorException(410, r.status(), "Cannot join LRA " + lra + ": the coordinator does not"
                        + " know it (it answered " + r.status() + ")", null);
            }
            if (r.status() == 412) {
                throw new CoordinatorException(412, r.status(), "Cannot join LRA " + lra + ": it is no longer active", null);
            }
            throw unexpected("join LRA " + lra, r);
        });
    }

    /** Closes or cancels an LRA; completes with its status as the coordinator reports it. */
    Future<String> end(URI lra, LraEnd end) {
        URI coordinator = ids.coordinatorOf(lra);
        if (coordinator == null) {
            return untrusted(lra);
        }
        String url = LraIds.operationUrl(coordinator, lra, end.operation());
        return transport.call(end.operation(), lra, HttpMethod.PUT, url, null, "").map(r -> {
            if (r.status() == 200 || r.status() == 202) {
                return r.body().trim();
            }
            if (r.status() == 404 || r.status() == 412) {
                throw new CoordinatorException(412, r.status(), "Cannot " + end.operation() + " LRA " + lra
                        + ": it is not active (coordinator answered " + r.status() + ")", null);
            }
            throw unexpected(end.operation() + " LRA " + lra, r);
        });
    }

    /** The status of an LRA; {@code null} when the coordinator no longer knows it (finished and forgotten). */
    Future<LRAStatus> status(URI lra) {
        URI coordinator = ids.coordinatorOf(lra);
        if (coordinator == null) {
            return untrusted(lra);
        }
        String url = LraIds.operationUrl(coordinator, lra, "status");
        return transport.call("status", lra, HttpMethod.GET, url, null, null).map(r -> {
            if (r.status() == 404) {
                return (LRAStatus) null;
            }
            if (r.status() == 200) {
                String text = r.body().trim();
                try {
                    return LRAStatus.valueOf(text);
                } catch (IllegalArgumentException e) {
                    throw new CoordinatorException(503, "The LRA coordinator reported an unknown status for " + lra
                            + ": " + text, e);
                }
            }
            throw unexpected("read the status of LRA " + lra, r);
        });
    }

    /** Removes a participant from an LRA; the participant is named by its compensate (or after) URL. */
    Future<Void> leave(URI lra, String participantUrl) {
        URI coordinator = ids.coordinatorOf(lra);
        if (coordinator == null) {
            return untrusted(lra);
        }
        String url = LraIds.operationUrl(coordinator, lra, "remove");
        return transport.call("leave", lra, HttpMethod.PUT, url, null, participantUrl).map(r -> {
            if (r.status() == 200) {
                return (Void) null;
            }
            if (r.status() == 404 || r.status() == 412) {
                throw new CoordinatorException(412, r.status(), "Cannot leave LRA " + lra + ": it is not active"
                        + " (coordinator answered " + r.status() + ")", null);
            }
            if (r.status() == 400) {
                throw new CoordinatorException(400, 400, "Cannot leave LRA " + lra + ": " + r.body(), null);
            }
            throw unexpected("leave LRA " + lra, r);
        });
    }

    /**
     * Sets an LRA's time limit anew, counted from now (Narayana only lets it grow).
     *
     * @param timeLimitMillis the new limit; 0 for none
     */
    Future<Void> renew(URI lra, long timeLimitMillis) {
        URI coordinator = ids.coordinatorOf(lra);
        if (coordinator == null) {
            return untrusted(lra);
        }
        String url = LraIds.operationUrl(coordinator, lra, "renew") + "?TimeLimit=" + timeLimitMillis;
        return transport.call("renew", lra, HttpMethod.PUT, url, null, "").map(r -> {
            if (r.status() == 200) {
                return (Void) null;
            }
            if (r.status() == 404 || r.status() == 410 || r.status() == 412) {
                throw new CoordinatorException(412, r.status(), "Cannot renew the time limit of LRA " + lra
                        + ": it is not active (coordinator answered " + r.status() + ")", null);
            }
            throw unexpected("renew the time limit of LRA " + lra, r);
        });
    }

    /** The coordinator's active LRAs whose client id contains {@code mark}, by client id. */
    Future<Map<String, URI>> activeByClientId(URI coordinator, String mark) {
        return transport.call("list", null, HttpMethod.GET, coordinator + "?Status=Active", null, null).map(r -> {
            if (r.status() != 200) {
                throw unexpected("list the active LRAs", r);
            }
            Map<String, URI> found = new HashMap<>();
            for (Object o : new JsonArray(r.body())) {
                if (o instanceof JsonObject lra && lra.getString("clientId") != null
                        && lra.getString("clientId").contains(mark)) {
                    found.put(lra.getString("clientId"), URI.create(lra.getString("lraId")));
                }
            }
            return found;
        });
    }

    /**
     * Whether a coordinator answers: asks for the status of an LRA that does not exist, which a working coordinator
     * answers at once with 404. Completes with null when it answered below 500, else with what went wrong.
     */
    Future<String> ping(URI coordinator) {
        return transport.call("ping", null, HttpMethod.GET, coordinator + "/0_lraext-readiness-probe/status", null, null)
                .map(r -> r.status() >= 500 ? "answered " + r.status() : (String) null)
                .otherwise(t -> String.valueOf(t.getMessage()));
    }

    /** The answer for an LRA of an untrusted coordinator: a 403 failure, before any call. */
    static <T> Future<T> untrusted(URI lra) {
        return Future.failedFuture(new CoordinatorException(403, "LRA " + lra
                + " does not belong to a trusted coordinator", null));
    }

    private static CoordinatorException unexpected(String what, Answer r) {
        String body = r.body().length() > 300 ? r.body().substring(0, 300) + "..." : r.body();
        if (r.status() == 401 || r.status() == 403) {
            // the coordinator refused this service's credentials: said as such, not as a coordinator failure
            return new CoordinatorException(r.status(), r.status(), "Could not " + what + ": the LRA coordinator "
                    + (r.status() == 401 ? "did not accept this service's credentials (401)"
                            : "does not allow this service to do that (403)")
                    + (body.isBlank() ? "" : ": " + body.strip()), null);
        }
        int status = r.status() >= 500 || r.status() == 429 ? 503 : 502;
        return new CoordinatorException(status, r.status(), "Could not " + what + ": the LRA coordinator answered "
                + r.status() + (body.isBlank() ? "" : ": " + body.strip()), null);
    }
}
