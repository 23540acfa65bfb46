package org.lraext.quarkus.deployment;

import org.lraext.quarkus.runtime.internal.CallbackTokenVerification;
import org.lraext.quarkus.runtime.internal.OidcClientToken;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;

/**
 * What the extension adds to the application's security: with {@code quarkus-smallrye-jwt}, the coordinator's callback
 * token verified once rather than on every callback ({@link CallbackTokenVerification}, which does nothing unless
 * {@code quarkus.lra.callbacks.roles-allowed} is set); with {@code quarkus-oidc-client}, the service's token from an
 * OIDC client ({@link OidcClientToken}). Each a bean only with its extension, so that an application without it (a
 * native one in particular) never loads its types.
 */
class LraSecurityProcessor {

    @BuildStep
    void callbackTokens(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (capabilities.isPresent(Capability.JWT)
                && QuarkusClassLoader.isClassPresentAtRuntime("io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator")) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(CallbackTokenVerification.class));
        }
    }

    /** With {@code quarkus-oidc-client}: the service's token from an OIDC client, when configured so. */
    @BuildStep
    void oidcClientToken(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (capabilities.isPresent(Capability.OIDC_CLIENT)) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(OidcClientToken.class));
        }
    }
}
