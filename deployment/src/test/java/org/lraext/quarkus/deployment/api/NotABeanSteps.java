package org.lraext.quarkus.deployment.api;

import java.net.URI;

import org.eclipse.microprofile.lra.annotation.Compensate;

/** Plain callbacks on a class that is no bean: the build warns, and LraClient.join refuses it. */
public class NotABeanSteps {

    @Compensate
    public void compensate(URI lra) {
    }
}
