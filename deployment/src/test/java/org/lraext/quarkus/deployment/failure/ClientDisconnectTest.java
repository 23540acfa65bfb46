package org.lraext.quarkus.deployment.failure;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lraext.quarkus.deployment.CoordinatorView;

import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;

/**
 * The client closes its socket while the @LRA method runs: the LRA the request started still ends, as the method's
 * outcome says (end / cancelOn), never left Active.
 */
class ClientDisconnectTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(DisconnectResource.class, CoordinatorView.class));

    @TestHTTPResource("/")
    URL base;

    /** Sends the request, waits until the method runs in its LRA, disconnects, lets the method finish. */
    private String disconnectWhileRunning(String path, String tag) throws Exception {
        DisconnectResource.RELEASE.put(tag, new CountDownLatch(1));
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET /hold/" + path + "?tag=" + tag + " HTTP/1.1\r\nHost: " + base.getHost() + ":"
                    + base.getPort() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> DisconnectResource.RUNNING.containsKey(tag));
        }
        String lra = DisconnectResource.RUNNING.get(tag);
        assertEquals("Active", CoordinatorView.status(lra), "the method is still running when the client leaves");
        DisconnectResource.RELEASE.get(tag).countDown();
        return lra;
    }

    @Test
    void successAfterDisconnectCloses() throws Exception {
        String lra = disconnectWhileRunning("ok", "ok");
        await().atMost(Duration.ofSeconds(10)).until(() -> "gone".equals(CoordinatorView.status(lra)));
        assertTrue(DisconnectResource.COMPLETED.contains(lra));
        assertFalse(DisconnectResource.COMPENSATED.contains(lra));
        System.out.printf("[disconnect] 200 after the client left: LRA %s closed%n", lra);
    }

    @Test
    void cancelOnAfterDisconnectCancels() throws Exception {
        String lra = disconnectWhileRunning("conflict", "conflict");
        await().atMost(Duration.ofSeconds(10)).until(() -> "gone".equals(CoordinatorView.status(lra)));
        assertTrue(DisconnectResource.COMPENSATED.contains(lra));
        assertFalse(DisconnectResource.COMPLETED.contains(lra));
        System.out.printf("[disconnect] 409 (cancelOn) after the client left: LRA %s cancelled%n", lra);
    }

    @Test
    void exceptionAfterDisconnectCancels() throws Exception {
        String lra = disconnectWhileRunning("boom", "boom");
        await().atMost(Duration.ofSeconds(10)).until(() -> "gone".equals(CoordinatorView.status(lra)));
        assertTrue(DisconnectResource.COMPENSATED.contains(lra), "an unmapped exception is a 500: cancelled");
        System.out.printf("[disconnect] exception after the client left: LRA %s cancelled%n", lra);
    }
}
