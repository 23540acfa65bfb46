package org.lraext.quarkus.runtime.internal;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.lraext.lra.coordinator.VerifiedTokens;
import org.lraext.quarkus.runtime.LraConfig;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator;
import io.smallrye.mutiny.Uni;

/**
 * The coordinator's token verified once, not on every callback: with {@code quarkus.lra.callbacks.roles-allowed} the
 * coordinator sends the same bearer token on every callback, and MicroProfile JWT parsing it and checking its signature
 * each time took about a quarter of a participant's CPU per LRA. A token that MicroProfile JWT accepted and that holds
 * one of the callback roles is trusted again until it expires, for at most a minute ({@link VerifiedTokens}); every
 * other token (the application's users') is left to MicroProfile JWT as before, on every request. Only in applications
 * with {@code quarkus-smallrye-jwt}.
 */
@ApplicationScoped
public class CallbackTokenVerification implements IdentityProvider<TokenAuthenticationRequest> {

    private final VerifiedTokens<SecurityIdentity> verified = new VerifiedTokens<>();
    private final List<String> roles;
    private final MpJwtValidator verifier;

    @Inject
    CallbackTokenVerification(LraConfig config, MpJwtValidator verifier) {
        this.roles = config.callbacks().rolesAllowed().orElse(List.of()).stream().map(String::strip)
                .filter(r -> !r.isEmpty()).toList();
        this.verifier = verifier;
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
        if (roles.isEmpty()) {
            return Uni.createFrom().nullItem(); // MicroProfile JWT's provider, as without this extension
        }
        String token = request.getToken().getToken();
        long now = System.currentTimeMillis();
        SecurityIdentity known = verified.get(token, now);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return verifier.authenticate(request, context).invoke(identity -> {
            if (identity != null && identity.getPrincipal() instanceof JsonWebToken jwt
                    && roles.stream().anyMatch(identity::hasRole)) {
                verified.put(token, identity, jwt.getExpirationTime(), now);
            }
        });
    }
}
