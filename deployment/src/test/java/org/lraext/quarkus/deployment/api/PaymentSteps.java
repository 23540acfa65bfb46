package org.lraext.quarkus.deployment.api;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.lra.annotation.AfterLRA;
import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.LRAStatus;

/**
 * A participant that is no JAX-RS resource: a bean with plain callbacks, joined through the API.
 */
@ApplicationScoped
public class PaymentSteps {

    private final Map<String, String> outcome = new ConcurrentHashMap<>();
    private final Map<String, LRAStatus> after = new ConcurrentHashMap<>();

    @Complete
    public void complete(URI lra) {
        outcome.merge(lra.toString(), "completed", (a, b) -> a + "," + b);
    }

    @Compensate
    public void compensate(URI lra) {
        outcome.merge(lra.toString(), "compensated", (a, b) -> a + "," + b);
    }

    @AfterLRA
    public void after(URI lra, LRAStatus status) {
        after.put(lra.toString(), status);
    }

    /** What its callbacks did for this LRA, in order ("completed", "compensated"), or null. */
    public String outcome(URI lra) {
        return outcome.get(lra.toString());
    }

    public LRAStatus after(URI lra) {
        return after.get(lra.toString());
    }
}
