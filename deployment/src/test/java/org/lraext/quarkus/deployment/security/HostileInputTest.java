package org.lraext.quarkus.deployment.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lraext.quarkus.deployment.CoordinatorView;
import org.lraext.quarkus.deployment.Listener;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * The extension acts only on LRAs of coordinators it trusts. Here a listener of the test is a trusted coordinator
 * ({@code quarkus.lra.trusted-coordinators}); every header that names anything else, however disguised, is refused
 * with a 4xx and no connection reaches that listener or the "evil" one.
 */
class HostileInputTest {

    static final Listener EVIL = Listener.counting("hostile-evil");
    /** Trusted, but it answers every call with a redirect to the evil listener. */
    static final Listener REDIRECTING = Listener.answering("hostile-redirecting", "HTTP/1.1 307 Temporary Redirect\r\nLocation: http://127.0.0.1:"
            + EVIL.port() + "/lra-coordinator/0_1/join\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    static final String TRUSTED = "http://127.0.0.1:" + REDIRECTING.port() + "/lra-coordinator";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(GuardedResource.class, CoordinatorView.class, Listener.class))
            .overrideConfigKey("quarkus.lra.trusted-coordinators", TRUSTED);

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL base;

    private static List<String> disguised() {
        int t = REDIRECTING.port();
        int e = EVIL.port();
        return List.of(
                "http://127.0.0.1:" + e + "/lra-coordinator/0_1", // another port
                "http://localhost:" + t + "/lra-coordinator/0_1", // another host name for the same address
                "http://127.0.0.1:" + t + "/other/0_1", // another path
                "http://127.0.0.1:" + t + "/lra-coordinator/sub/0_1",
                "http://127.0.0.1:" + t + "/lra-coordinator/../admin/0_1", // dot-segments
                "http://127.0.0.1:" + t + "/other/../lra-coordinator/0_1",
                "http://127.0.0.1:" + t + "/lra-coordinator/./0_1",
                "http://127.0.0.1:" + t + "/lra-coordinator/%2e%2e/0_1", // percent-encoding
                "http://127.0.0.1:" + t + "/lra-coordinator%2F0_1",
                "http://127.0.0.1:" + t + "/lra-coordinator/0_1%2F..%2F..%2Fx",
                "http://127.0.0.1:" + t + "/lra-%63oordinator/0_1",
                "http://evil@127.0.0.1:" + t + "/lra-coordinator/0_1", // user-info
                "http://127.0.0.1:" + t + "@127.0.0.1:" + e + "/lra-coordinator/0_1",
                "http://127.0.0.1.:" + t + "/lra-coordinator/0_1", // trailing dot
                "http://2130706433:" + t + "/lra-coordinator/0_1", // decimal IP
                "http://0x7f000001:" + t + "/lra-coordinator/0_1", // hexadecimal IP
                "http://0177.0.0.1:" + t + "/lra-coordinator/0_1", // octal IP
                "http://127.1:" + t + "/lra-coordinator/0_1", // short IP
                "http://[::1]:" + t + "/lra-coordinator/0_1", // IPv6 loopback
                "http://[::ffff:127.0.0.1]:" + t + "/lra-coordinator/0_1", // IPv4-mapped IPv6
                "https://127.0.0.1:" + t + "/lra-coordinator/0_1", // another scheme
                "ftp://127.0.0.1:" + t + "/lra-coordinator/0_1",
                "http://127.0.0.1:" + t + "/lra-coordinator/", // no uid
                "http://127.0.0.1:" + t + "/lra-coordinator/0_1#fragment",
                "//127.0.0.1:" + t + "/lra-coordinator/0_1", // relative
                "file:///etc/passwd",
                "jar:http://127.0.0.1:" + t + "/lra-coordinator/0_1!/x",
                "not a url",
                "http://127.0.0.1:" + t + "/lra-coordinator/" + "x".repeat(5000), // oversized
                "http://127.0.0.1:" + t + "/lra-coordinator/\u00e9t\u00e9"); // not ASCII
    }

    @Test
    void disguisedIdsAreRefusedWithoutAnyConnection() {
        List<String> failures = new ArrayList<>();
        int refused = 0;
        for (String id : disguised()) {
            for (String[] target : new String[][] { { "GET", "/guarded/work" }, { "PUT", "/guarded/compensate" } }) {
                int trustedBefore = REDIRECTING.connections();
                int evilBefore = EVIL.connections();
                Response r = given().urlEncodingEnabled(false).header(LRA.LRA_HTTP_CONTEXT_HEADER, id)
                        .request(target[0], target[1]);
                int status = r.statusCode();
                if (status != 400 && status != 403) {
                    failures.add(target[1] + " with " + abbreviated(id) + " answered " + status + ": " + r.asString());
                } else if (!r.asString().contains("LRA") && !r.asString().contains("Long-Running-Action")) {
                    failures.add(target[1] + " with " + abbreviated(id) + ": the message does not say why: " + r.asString());
                } else {
                    refused++;
                }
                if (REDIRECTING.connections() != trustedBefore || EVIL.connections() != evilBefore) {
                    failures.add(target[1] + " with " + abbreviated(id) + " made an outbound connection");
                }
            }
        }
        System.out.printf("[hostile-input] %d disguised ids x 2 endpoints: %d refused with 4xx, %d connections to the"
                + " listeners, %d failures%n", disguised().size(), refused, REDIRECTING.connections() + EVIL.connections(),
                failures.size());
        assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
        assertEquals(0, EVIL.connections());
    }

    private static String abbreviated(String id) {
        return id.length() > 80 ? id.substring(0, 80) + "...(" + id.length() + " chars)" : id;
    }

    /** Control characters, sent raw: an HTTP client library would encode or refuse them. */
    @Test
    void controlCharactersAreRefused() throws Exception {
        int t = REDIRECTING.port();
        for (String bad : new String[] { "\u0001", "\u0000", "\u007f", "\t" }) {
            String id = "http://127.0.0.1:" + t + "/lra-coordinator/0_1" + bad + "x";
            int trustedBefore = REDIRECTING.connections();
            try (java.net.Socket s = new java.net.Socket(base.getHost(), base.getPort())) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write(("GET /guarded/work HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                        + "\r\nLong-Running-Action: " + id + "\r\nConnection: close\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                String answer = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertTrue(answer.startsWith("HTTP/1.1 400"), () -> "control character " + (int) bad.charAt(0) + ": " + answer);
            }
            assertEquals(trustedBefore, REDIRECTING.connections());
        }
    }

    @Test
    void aRedirectingCoordinatorIsNotFollowed() {
        int evilBefore = EVIL.connections();
        int trustedBefore = REDIRECTING.connections();
        Response r = given().header(LRA.LRA_HTTP_CONTEXT_HEADER, TRUSTED + "/0_1").get("/guarded/work");
        assertEquals(502, r.statusCode(), r.asString());
        assertTrue(r.asString().contains("307"), r.asString());
        assertEquals(trustedBefore + 1, REDIRECTING.connections(), "the trusted coordinator was asked");
        assertEquals(evilBefore, EVIL.connections(), "its redirect was not followed");
    }
}
