package org.lraext.quarkus.runtime.internal;

import java.util.Set;

import org.lraext.lra.protocol.CallbackKind;
import org.lraext.lra.protocol.ParticipantLinks;

/**
 * A participant class of the application, as the programmatic API joins it.
 *
 * @param className its name, which also names it in callbacks' signatures and the journal
 * @param links its callbacks
 * @param plain the callbacks that are plain bean methods (called through the proxy)
 */
public record Participant(String className, ParticipantLinks links, Set<CallbackKind> plain) {
}
