package org.lraext.quarkus.runtime.internal;

import org.lraext.lra.protocol.ParticipantLinks;

/**
 * A participant class of the application, as the programmatic API joins it.
 *
 * @param className its name, which also names it in callbacks' signatures and the journal
 * @param links its callbacks
 */
public record Participant(String className, ParticipantLinks links) {
}
