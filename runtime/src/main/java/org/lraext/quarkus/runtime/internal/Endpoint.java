package org.lraext.quarkus.runtime.internal;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.lraext.lra.protocol.CallbackKind;
import org.lraext.lra.protocol.EndpointPolicy;
import org.lraext.lra.protocol.ParticipantLinks;

/**
 * The run-time view of one endpoint, built once at start-up from its {@link EndpointDescriptor}.
 *
 * @param name {@code Class#method}, for messages and the LRA's client id
 * @param className the endpoint's class
 * @param role what the filters do for it
 * @param policy its {@code @LRA} settings, or null
 * @param callback the participant callback it is ({@link Role#CALLBACK}), or null
 * @param participant the callbacks of its class when the class is a participant, or null
 */
public record Endpoint(String name, String className, Role role, EndpointPolicy policy, CallbackKind callback,
        ParticipantLinks participant) {

    /** What an endpoint is to the filters. */
    public enum Role {
        /** A method with {@code @LRA}: it runs in an LRA as its policy says. */
        IN_LRA,
        /** A participant callback the coordinator calls. */
        CALLBACK,
        /** A {@code @Leave} method; with a policy too when {@code @LRA} applies to it. */
        LEAVE,
        /** One of the extension's own endpoints, which handles LRA headers itself: the filters leave it alone. */
        OWN
    }

    /** @param participants the application's participant classes by name, for an endpoint that enlists its class */
    static Endpoint of(EndpointDescriptor d, Map<String, Participant> participants) {
        EndpointPolicy policy = null;
        if (d.getLraType() != null) {
            Set<Response.Status.Family> families = EnumSet.noneOf(Response.Status.Family.class);
            for (String f : d.getCancelOnFamily()) {
                families.add(Response.Status.Family.valueOf(f));
            }
            policy = new EndpointPolicy(LRA.Type.valueOf(d.getLraType()), d.isEnd(), d.getCancelOn(), families,
                    d.getTimeLimitMillis());
        }
        ParticipantLinks links = d.isEnlisting() ? participants.get(d.getClassName()).links() : null;
        return new Endpoint(d.getName(), d.getClassName(), Role.valueOf(d.getRole()), policy,
                d.getCallback() == null ? null : CallbackKind.ofRel(d.getCallback()), links);
    }

    /** A participant's callback links from its paths by rel. */
    static ParticipantLinks links(Map<String, String> pathsByRel) {
        Map<CallbackKind, String> paths = new EnumMap<>(CallbackKind.class);
        pathsByRel.forEach((rel, path) -> paths.put(CallbackKind.ofRel(rel), path));
        return new ParticipantLinks(paths);
    }
}
