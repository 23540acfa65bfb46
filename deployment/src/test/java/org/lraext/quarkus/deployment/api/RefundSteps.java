package org.lraext.quarkus.deployment.api;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.lra.annotation.Compensate;

/** A participant bean nothing injects: only LraClient.join and the coordinator's callbacks use it. */
@ApplicationScoped
public class RefundSteps {

    @Compensate
    public void refund(URI lra) {
    }
}
