package org.lraext.quarkus.runtime.internal;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.lraext.lra.protocol.CallbackKind;

/**
 * The LRA metadata of every endpoint, keyed by the Quarkus REST method id
 * ({@code org.jboss.resteasy.reactive.server.util.MethodId}), and the callbacks of every participant class, keyed by
 * its name; computed at build time, read-only at run time.
 */
public final class LraRegistry {

    private final Map<String, Endpoint> endpoints;
    private final Map<String, Participant> participants;

    LraRegistry(Map<String, EndpointDescriptor> descriptors, Map<String, Map<String, String>> participantPaths) {
        Map<String, Participant> byClass = new HashMap<>();
        participantPaths.forEach((name, paths) -> {
            Set<CallbackKind> plain = EnumSet.noneOf(CallbackKind.class);
            paths.forEach((rel, path) -> {
                if (path.startsWith(LraParticipantProxy.PATH + "/")) {
                    plain.add(CallbackKind.ofRel(rel));
                }
            });
            byClass.put(name, new Participant(name, Endpoint.links(paths), Set.copyOf(plain)));
        });
        this.participants = Map.copyOf(byClass);
        // the endpoints of a participant class share its links (and the Link header they keep built)
        Map<String, Endpoint> map = new HashMap<>(Math.max(16, descriptors.size() * 2));
        descriptors.forEach((id, d) -> map.put(id, Endpoint.of(d, participants)));
        this.endpoints = Map.copyOf(map);
    }

    /** The endpoint with this method id, or null when LRA does not concern it. */
    public Endpoint get(String methodId) {
        return endpoints.get(methodId);
    }

    /** The participant class with this name, or null when it is none. */
    public Participant participant(String className) {
        return participants.get(className);
    }
}
