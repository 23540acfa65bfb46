package org.lraext.quarkus.test;

import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.lra.annotation.LRAStatus;

/**
 * How an LRA ended.
 *
 * @param lraId the LRA
 * @param status its final status: from the coordinator while it still knows the LRA, else from what the application
 *        saw (the coordinator's answer to its close or cancel, an {@code @AfterLRA} status, or the callbacks); empty
 *        when neither knows
 * @param callbacks the callbacks the application's participants received for it, in order
 */
public record LraOutcome(String lraId, Optional<LRAStatus> status, List<LraCallback> callbacks) {
}
