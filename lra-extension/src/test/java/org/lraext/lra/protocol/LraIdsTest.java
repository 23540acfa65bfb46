package org.lraext.lra.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LraIdsTest {

    private final LraIds ids = new LraIds(List.of("http://localhost:50000/lra-coordinator/",
            "https://Coord.Example/lra"));

    @Test
    void acceptsIdsOfTrustedCoordinators() {
        URI id = ids.parse("http://localhost:50000/lra-coordinator/0_ffff7f000001_9143_6b06fe46_8");
        assertEquals("0_ffff7f000001_9143_6b06fe46_8", LraIds.uid(id));
        assertEquals(URI.create("http://localhost:50000/lra-coordinator"), ids.coordinatorOf(id));
        URI other = ids.parse("https://coord.example:443/lra/abc");
        assertEquals(URI.create("https://coord.example:443/lra"), ids.coordinatorOf(other));
    }

    @Test
    void nestedIdsKeepTheirQueryButOperationsUseTheUid() {
        URI nested = ids.parse("http://localhost:50000/lra-coordinator/0_2?ParentLRA=http%3A%2F%2Flocalhost%3A50000"
                + "%2Flra-coordinator%2F0_1");
        assertEquals("http://localhost:50000/lra-coordinator/0_2/close",
                LraIds.operationUrl(ids.coordinatorOf(nested), nested, "close"));
    }

    @Test
    void rememberedIdsAreTheSameIdsAndOnlyTrustedOnesAreRemembered() {
        String text = "http://localhost:50000/lra-coordinator/0_ffff7f000001_1";
        URI started = URI.create(text);
        ids.started(started);
        assertSame(started, ids.parse(text), "an id started here is not parsed again");
        URI parsed = ids.parse("http://localhost:50000/lra-coordinator/0_2");
        assertSame(parsed, ids.parse("http://localhost:50000/lra-coordinator/0_2"));
        assertEquals(URI.create("http://localhost:50000/lra-coordinator"), ids.coordinatorOf(ids.parse(text)));

        // what a coordinator answers for another host, or with characters a header may not hold, is not remembered
        for (String answer : List.of("http://evil.example:50000/lra-coordinator/0_3",
                "http://localhost:50000/lra-coordinator/0_%C3%A9\u00e9", "//localhost:50000/lra-coordinator/0_4",
                "http://localhost:50000/lra-coordinator/0_5#f")) {
            URI id;
            try {
                id = new URI(answer);
            } catch (java.net.URISyntaxException e) {
                continue;
            }
            ids.started(id);
            assertThrows(InvalidLraIdException.class, () -> ids.parse(answer), answer);
        }
        URI nonAscii = URI.create("http://localhost:50000/lra-coordinator/0_\u00e9");
        ids.started(nonAscii);
        assertEquals(400, assertThrows(InvalidLraIdException.class, () -> ids.parse(nonAscii.toString())).status());

        // bounded: far more ids than it keeps still parse, and give the same answers
        for (int i = 0; i < 3 * LraIds.MAX_RECENT; i++) {
            String id = "http://localhost:50000/lra-coordinator/0_" + i;
            assertEquals(id, ids.parse(id).toString());
        }
        assertEquals(403, assertThrows(InvalidLraIdException.class,
                () -> ids.parse("http://evil.example:50000/lra-coordinator/0_1")).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://evil.example:50000/lra-coordinator/0_1",
            "http://localhost:50001/lra-coordinator/0_1",
            "http://localhost:50000/other/0_1",
            "http://localhost:50000/lra-coordinator/x/0_1",
            "http://localhost:50000/lra-coordinator/../admin/0_1",
            "http://localhost:50000/lra-coordinator/%2e%2e",
            "http://localhost:50000/lra-coordinator/0%5F1",
            "http://localhost:50000/lra-coordinator/..",
            "http://good@localhost:50000/lra-coordinator/0_1",
            "http://localhost.:50000/lra-coordinator/0_1",
            "http://127.0.0.1:50000/lra-coordinator/0_1",
            "http://2130706433:50000/lra-coordinator/0_1",
            "http://[::1]:50000/lra-coordinator/0_1",
            "https://localhost:50000/lra-coordinator/0_1",
            "ftp://localhost:50000/lra-coordinator/0_1",
            "http://localhost:50000/lra-coordinator/"
    })
    void refusesEverythingElseWith403(String id) {
        InvalidLraIdException e = assertThrows(InvalidLraIdException.class, () -> ids.parse(id));
        assertEquals(403, e.status(), e.getMessage());
        assertTrue(e.getMessage().contains("trusted"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "not a url", "0_1", "/lra-coordinator/0_1", "http://localhost:50000/lra-coordinator/0_1\n",
            "http://localhost:50000/lra-coordinator/0_1#frag", "http://local host/x", "" })
    void malformedHeadersAre400(String value) {
        InvalidLraIdException e = assertThrows(InvalidLraIdException.class, () -> ids.parse(value));
        assertEquals(400, e.status(), e.getMessage());
    }

    @Test
    void oversizedHeaderIs400() {
        String big = "http://localhost:50000/lra-coordinator/" + "a".repeat(LraIds.MAX_LENGTH);
        InvalidLraIdException e = assertThrows(InvalidLraIdException.class, () -> ids.parse(big));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("longer than"));
    }

    @Test
    void badCoordinatorConfigurationIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LraIds(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new LraIds(List.of("localhost:50000")));
        assertThrows(IllegalArgumentException.class, () -> new LraIds(List.of("http://u@h/lra")));
        assertThrows(IllegalArgumentException.class, () -> new LraIds(List.of("file:///lra")));
    }

    @Test
    void startCoordinatorsAreTrustedAndListedFirst() {
        LraIds ids = new LraIds(List.of("http://c1:1/lra-coordinator", "http://c2:2/lra-coordinator/"),
                List.of("http://c2:2/lra-coordinator", "http://other:3/lra-coordinator"));
        assertEquals(List.of(URI.create("http://c1:1/lra-coordinator"), URI.create("http://c2:2/lra-coordinator")),
                ids.startOn());
        assertEquals(3, ids.trusted().size(), "duplicates removed");
        assertEquals(URI.create("http://c1:1/lra-coordinator"), ids.primary());
        ids.parse("http://other:3/lra-coordinator/0_1");
        ids.parse("http://c2:2/lra-coordinator/0_1");
    }

    @Test
    void discoveredCoordinatorsAreTrustedFromTheirDiscoveryOn() {
        LraIds ids = LraIds.discovering(List.of("http://fixed:1/lra-coordinator"));
        assertEquals(List.of(), ids.startOn());
        ids.parse("http://fixed:1/lra-coordinator/0_1");
        InvalidLraIdException before = assertThrows(InvalidLraIdException.class,
                () -> ids.parse("http://10.0.0.7:8080/lra-coordinator/0_1"));
        assertEquals(403, before.status());

        assertEquals(URI.create("http://10.0.0.7:8080/lra-coordinator"), ids.discover("http://10.0.0.7:8080/lra-coordinator/"));
        ids.parse("http://10.0.0.7:8080/lra-coordinator/0_1");
        // only that coordinator: another port or path of the same host is still refused
        assertEquals(403, assertThrows(InvalidLraIdException.class,
                () -> ids.parse("http://10.0.0.7:8081/lra-coordinator/0_1")).status());
        assertEquals(403, assertThrows(InvalidLraIdException.class,
                () -> ids.parse("http://10.0.0.7:8080/evil/0_1")).status());
    }

    @Test
    void onlyDiscoveringIdsLearnCoordinators() {
        LraIds fixed = new LraIds(List.of("http://c1:1/lra-coordinator"));
        assertThrows(IllegalArgumentException.class, () -> fixed.discover("http://c2:2/lra-coordinator"));
        LraIds discovering = LraIds.discovering(List.of());
        assertThrows(IllegalArgumentException.class, () -> discovering.discover("ftp://c2/lra-coordinator"));
        for (int i = 0; i < LraIds.MAX_DISCOVERED; i++) {
            discovering.discover("http://10.0." + (i / 256) + "." + (i % 256) + ":1/lra-coordinator");
        }
        assertThrows(IllegalArgumentException.class, () -> discovering.discover("http://one-too-many:1/lra-coordinator"),
                "the set of discovered coordinators is bounded");
    }
}
