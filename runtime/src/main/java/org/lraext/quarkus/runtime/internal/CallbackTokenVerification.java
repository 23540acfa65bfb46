package org.lraext.quarkus.runtime.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.lraext.lra.coordinator.VerifiedTokens;
import org.lraext.quarkus.runtime.LraConfig;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The coordinator's token verified once, not on every callback: with {@code quarkus.lra.callbacks.roles-allowed} the
 * coordinator sends the same bearer token on every callback, and MicroProfile JWT parsing it and checking its signature
 * each time took about a quarter of a participant's CPU per LRA. A token that MicroProfile JWT accepted and that holds
 * one of the callback roles is trusted again until it expires, for at most a minute ({@link VerifiedTokens}); every
 * other token (the application's users') is left to MicroProfile JWT as before, on every request. What is kept is
 * the identity without the request it was found in; each request gets it with its own. Only in applications with
 * {@code quarkus-smallrye-jwt}.
 */
@ApplicationScoped
public class CallbackTokenVerification implements IdentityProvider<TokenAuthenticationRequest> {

    private final VerifiedTokens<SecurityIdentity> verified = new VerifiedTokens<>();
    private final List<String> roles;
    /** Unresolvable when smallrye-jwt is in the application but turned off (quarkus.smallrye-jwt.enabled=false). */
    private final MpJwtValidator verifier;

    @Inject
    CallbackTokenVerification(LraConfig config, Instance<MpJwtValidator> verifier) {
        this.roles = config.callbacks().rolesAllowed().orElse(List.of()).stream().map(String::strip)
                .filter(r -> !r.isEmpty()).toList();
        this.verifier = verifier.isResolvable() ? verifier.get() : null;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Before MicroProfile JWT's own provider (1001, as every provider that does not say). */
    @Override
    public int priority() {
        return 2000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (roles.isEmpty() || verifier == null) {
            return Uni.createFrom().nullItem(); // the next provider (MicroProfile JWT's), as without this extension
        }
        String token = request.getToken().getToken();
        long now = System.currentTimeMillis();
        SecurityIdentity known = verified.get(token, now);
        if (known != null) {
            return Uni.createFrom().item(forRequest(known, request));
        }
        return verifier.authenticate(request, context).invoke(identity -> {
            if (identity != null && identity.getPrincipal() instanceof JsonWebToken jwt
                    && roles.stream().anyMatch(identity::hasRole)) {
                verified.put(token, withoutRequest(identity), jwt.getExpirationTime(), now);
            }
        });
    }

    /** What the verification found, without the request it was found in (kept for a minute, used by others). */
    static SecurityIdentity withoutRequest(SecurityIdentity identity) {
        Map<String, Object> attributes = new HashMap<>(identity.getAttributes());
        attributes.remove(RoutingContext.class.getName());
        return QuarkusSecurityIdentity.builder().setPrincipal(identity.getPrincipal()).addRoles(identity.getRoles())
                .addCredentials(identity.getCredentials()).addAttributes(attributes).build();
    }

    /** A remembered identity for this request: with this request's routing context, as a verification would give. */
    static SecurityIdentity forRequest(SecurityIdentity known, TokenAuthenticationRequest request) {
        RoutingContext current = HttpSecurityUtils.getRoutingContextAttribute(request);
        return current == null ? known
                : QuarkusSecurityIdentity.builder(known).addAttribute(RoutingContext.class.getName(), current).build();
    }
}
