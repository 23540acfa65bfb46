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
 * @param name {@code Class#method}
 * @param policy its {@code @LRA} settings, or null
 * @param callback the participant callback this method is, or null
 * @param leave whether it is a {@code @Leave} method
 * @param participant the callbacks of its class when the class is a participant, or null
 * @param proxy whether it is a method of the extension's proxy for plain-method callbacks, which guards, remembers and
 *        counts each call itself (it knows which participant the call is for)
 */
public record Endpoint(String name, EndpointPolicy policy, CallbackKind callback, boolean leave,
        ParticipantLinks participant, boolean proxy) {

    /** The endpoint's class. */
    public String className() {
        int hash = name.indexOf('#');
        return hash < 0 ? name : name.substring(0, hash);
    }

    static Endpoint of(EndpointDescriptor d) {
        EndpointPolicy policy = null;
        if (d.getLraType() != null) {
            Set<Response.Status.Family> families = EnumSet.noneOf(Response.Status.Family.class);
            for (String f : d.getCancelOnFamily()) {
                families.add(Response.Status.Family.valueOf(f));
            }
            policy = new EndpointPolicy(LRA.Type.valueOf(d.getLraType()), d.isEnd(), d.getCancelOn(), families,
                    d.getTimeLimitMillis());
        }
        ParticipantLinks links = null;
        if (!d.getParticipant().isEmpty()) {
            Map<CallbackKind, String> paths = new EnumMap<>(CallbackKind.class);
            d.getParticipant().forEach((rel, path) -> paths.put(CallbackKind.ofRel(rel), path));
            links = new ParticipantLinks(paths);
        }
        return new Endpoint(d.getName(), policy, d.getCallback() == null ? null : CallbackKind.ofRel(d.getCallback()),
                d.isLeave(), links, d.isProxy());
    }
}
