package org.lraext.lra.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ParticipantLinksTest {

    private static ParticipantLinks links(Map<CallbackKind, String> paths) {
        return new ParticipantLinks(paths);
    }

    @Test
    void oneEntryPerCallbackInAFixedOrder() {
        Map<CallbackKind, String> paths = new EnumMap<>(CallbackKind.class);
        paths.put(CallbackKind.STATUS, "/hotels/status");
        paths.put(CallbackKind.COMPENSATE, "hotels/compensate/");
        paths.put(CallbackKind.COMPLETE, "hotels/complete");
        String header = links(paths).linkHeader("http://svc:8080/api/");
        assertEquals("<http://svc:8080/api/hotels/compensate>; rel=\"compensate\"; title=\"compensate URI\"; type=\"text/plain\","
                + "<http://svc:8080/api/hotels/complete>; rel=\"complete\"; title=\"complete URI\"; type=\"text/plain\","
                + "<http://svc:8080/api/hotels/status>; rel=\"status\"; title=\"status URI\"; type=\"text/plain\"", header);
    }

    @Test
    void aQueryIsAppendedToEveryCallbackUrl() {
        Map<CallbackKind, String> paths = new EnumMap<>(CallbackKind.class);
        paths.put(CallbackKind.COMPENSATE, "h/compensate");
        paths.put(CallbackKind.AFTER, "h/after");
        ParticipantLinks l = links(paths);
        String plain = l.linkHeader("http://svc");
        assertEquals("<http://svc/h/compensate?lra-sig=abc>; rel=\"compensate\"; title=\"compensate URI\"; type=\"text/plain\","
                + "<http://svc/h/after?lra-sig=abc>; rel=\"after\"; title=\"after URI\"; type=\"text/plain\"",
                l.linkHeader("http://svc", "lra-sig=abc"));
        assertEquals(plain, l.linkHeader("http://svc", null), "no query: the cached header");
    }

    @Test
    void baseWithoutTrailingSlash() {
        ParticipantLinks l = links(Map.of(CallbackKind.AFTER, "after"));
        assertEquals("http://h/after", l.url("http://h", CallbackKind.AFTER));
        assertNull(l.url("http://h", CallbackKind.COMPENSATE));
    }

    @Test
    void aParticipantNeedsCompensateOrAfter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> links(Map.of(CallbackKind.COMPLETE, "complete")));
        assertEquals(true, e.getMessage().contains("@Compensate or an @AfterLRA"));
    }

    @Test
    void relsRoundTrip() {
        for (CallbackKind k : CallbackKind.values()) {
            assertEquals(k, CallbackKind.ofRel(k.rel().toUpperCase()));
        }
        assertThrows(IllegalArgumentException.class, () -> CallbackKind.ofRel("participant"));
        assertEquals("@AfterLRA", CallbackKind.AFTER.annotationSimpleName());
    }
}
