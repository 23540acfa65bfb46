package org.lraext.coordinator.security;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.lraext.lra.coordinator.VerifiedTokens;

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
 * Verifies each bearer token once, not on every call: a participant sends the same token on every start, join, close
 * and cancel until it rotates it, and parsing it and checking its RSA signature took about a fifth of the coordinator's
 * CPU per LRA with security on. A token MicroProfile JWT accepted is trusted again until it expires, for at most a
 * minute ({@link VerifiedTokens}); a refused one is checked again every time. What is kept is the identity without
 * the request it was found in; each request gets it with its own.
 */
@ApplicationScoped
public class TokenVerification implements IdentityProvider<TokenAuthenticationRequest> {

    private final VerifiedTokens<SecurityIdentity> verified = new VerifiedTokens<>();

    @Inject
    MpJwtValidator verifier;

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /**
     * Before MicroProfile JWT's own provider (which, like every provider that does not say, has 1001), which does the
     * verification on a miss.
     */
    @Override
    public int priority() {
        return 2000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String token = request.getToken().getToken();
        long now = System.currentTimeMillis();
        SecurityIdentity known = verified.get(token, now);
        if (known != null) {
            RoutingContext current = HttpSecurityUtils.getRoutingContextAttribute(request);
            return Uni.createFrom().item(current == null ? known
                    : QuarkusSecurityIdentity.builder(known).addAttribute(RoutingContext.class.getName(), current)
                            .build());
        }
        return verifier.authenticate(request, context).invoke(identity -> {
            if (identity != null && identity.getPrincipal() instanceof JsonWebToken jwt) {
                verified.put(token, withoutRequest(identity), jwt.getExpirationTime(), now);
            }
        });
    }

    /** What the verification found, without the request it was found in (kept for a minute, used by others). */
    private static SecurityIdentity withoutRequest(SecurityIdentity identity) {
        Map<String, Object> attributes = new HashMap<>(identity.getAttributes());
        attributes.remove(RoutingContext.class.getName());
        return QuarkusSecurityIdentity.builder().setPrincipal(identity.getPrincipal()).addRoles(identity.getRoles())
                .addCredentials(identity.getCredentials()).addAttributes(attributes).build();
    }
}
