package org.lraext.coordinator.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.lraext.lra.coordinator.VerifiedTokens;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator;
import io.smallrye.mutiny.Uni;

/**
 * Verifies each bearer token once, not on every call: a participant sends the same token on every start, join, close
 * and cancel until it rotates it, and parsing it and checking its RSA signature took about a fifth of the coordinator's
 * CPU per LRA with security on. A token MicroProfile JWT accepted is trusted again until it expires, for at most a
 * minute ({@link VerifiedTokens}); a refused one is checked again every time.
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
            return Uni.createFrom().item(known);
        }
        return verifier.authenticate(request, context).invoke(identity -> {
            if (identity != null && identity.getPrincipal() instanceof JsonWebToken jwt) {
                verified.put(token, identity, jwt.getExpirationTime(), now);
            }
        });
    }
}
