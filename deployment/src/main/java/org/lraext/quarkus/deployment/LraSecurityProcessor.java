package org.lraext.quarkus.deployment;

import org.lraext.quarkus.runtime.internal.CallbackTokenVerification;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;

/**
 * What the extension adds to the application's security: with {@code quarkus-smallrye-jwt}, the coordinator's callback
 * token verified once rather than on every callback ({@link CallbackTokenVerification}, which does nothing unless
 * {@code quarkus.lra.callbacks.roles-allowed} is set).
 */
class LraSecurityProcessor {

    @BuildStep
    void callbackTokens(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (capabilities.isPresent(Capability.JWT)
                && QuarkusClassLoader.isClassPresentAtRuntime("io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator")) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(CallbackTokenVerification.class));
        }
    }
}
