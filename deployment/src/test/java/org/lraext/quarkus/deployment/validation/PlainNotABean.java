package org.lraext.quarkus.deployment.validation;

import java.net.URI;

import org.eclipse.microprofile.lra.annotation.Compensate;

/** Plain callbacks on a class that is no bean: nothing could call them. */
public class PlainNotABean {

    @Compensate
    public void compensate(URI lra) {
    }
}
