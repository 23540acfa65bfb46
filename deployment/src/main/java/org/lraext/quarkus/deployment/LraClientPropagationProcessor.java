package org.lraext.quarkus.deployment;

import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.BytecodeTransformerBuildItem;

/**
 * Outgoing REST Client and JAX-RS client calls carry the LRA context of the request being handled
 * ({@link JaxRsClientPropagation}).
 */
class LraClientPropagationProcessor {

    @BuildStep
    void propagateOnClients(BuildProducer<BytecodeTransformerBuildItem> transformers) {
        if (QuarkusClassLoader.isClassPresentAtRuntime(JaxRsClientPropagation.CLIENT_BUILDER)) {
            transformers.produce(new BytecodeTransformerBuildItem(JaxRsClientPropagation.CLIENT_BUILDER,
                    new JaxRsClientPropagation()));
        }
    }
}
