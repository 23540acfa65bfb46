package org.lraext.quarkus.deployment.validation;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.lra.annotation.Complete;

/** A bean, no JAX-RS resource, with plain callbacks but no @Compensate (or @AfterLRA). */
@ApplicationScoped
public class PlainBeanWithoutCompensate {

    @Complete
    public void complete(URI lra) {
    }
}
