package org.lraext.quarkus.runtime.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.core.Response;

import org.lraext.quarkus.runtime.LraConfigKeys;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Who may call participant callbacks, when {@code quarkus.lra.callbacks.roles-allowed} is set: the caller's identity,
 * established by the application's authentication mechanism (a bearer token, a client certificate), must hold one of
 * the roles (typically {@code lra-coordinator}, the role of the token the coordinator sends); 401 without an identity,
 * 403 without the role. Every callback goes through here, JAX-RS and plain-method ones alike: the build found them all,
 * so none can be left out by a path list that was not kept up to date.
 */
final class CallbackCallers {

    /** No check: callbacks need no identity. */
    static final CallbackCallers ANYONE = new CallbackCallers(List.of(), null);

    private final List<String> roles;
    private final CurrentIdentityAssociation identity;

    CallbackCallers(List<String> roles, CurrentIdentityAssociation identity) {
        this.roles = List.copyOf(roles);
        this.identity = identity;
    }

    /**
     * Null when the caller may go on (no roles configured); else a stage completing, on the caller's Vert.x context,
     * with null (allowed) or the answer that refuses the callback.
     */
    CompletionStage<Response> check() {
        if (roles.isEmpty()) {
            return null;
        }
        Context caller = Vertx.currentContext();
        Thread thread = Thread.currentThread();
        boolean worker = Context.isOnWorkerThread();
        CompletableFuture<Response> decided = new CompletableFuture<>();
        identity.getDeferredIdentity().subscribe().with(
                id -> deliver(caller, thread, worker, decided, refusal(id)),
                failure -> deliver(caller, thread, worker, decided, Replies.text(401, "A participant callback's"
                        + " credentials were not accepted: " + failure.getMessage())));
        return decided;
    }

    /**
     * Completes where the callback goes on: on the caller's thread when the identity was known at once (the usual
     * case), else on the caller's context (its LRA context lives there) and, for a blocking callback, on a worker
     * thread of it, since what follows may be the application's blocking method.
     */
    private static void deliver(Context caller, Thread thread, boolean worker, CompletableFuture<Response> decided,
            Response answer) {
        if (caller == null || Thread.currentThread() == thread) {
            decided.complete(answer);
        } else if (worker) {
            caller.executeBlocking(() -> decided.complete(answer), false);
        } else {
            caller.runOnContext(v -> decided.complete(answer));
        }
    }

    private Response refusal(SecurityIdentity caller) {
        if (caller == null || caller.isAnonymous()) {
            return Replies.text(401, "A participant callback needs the credentials of a caller with one of the roles "
                    + roles + " (" + LraConfigKeys.CALLBACK_ROLES + ")");
        }
        for (String role : roles) {
            if (caller.hasRole(role)) {
                return null;
            }
        }
        return Replies.text(403, "A participant callback needs one of the roles " + roles + "; "
                + caller.getPrincipal().getName() + " has none of them");
    }
}
