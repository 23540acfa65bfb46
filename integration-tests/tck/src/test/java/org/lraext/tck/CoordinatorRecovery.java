package org.lraext.tck;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.eclipse.microprofile.lra.tck.service.spi.LRACallbackException;
import org.eclipse.microprofile.lra.tck.service.spi.LRARecoveryService;

/**
 * The TCK's recovery SPI for the Narayana coordinator: a replay of the end phase is one synchronous recovery scan
 * ({@code GET /recovery}); the LRA has finished when neither the recovery list nor the LRA list names it.
 */
public class CoordinatorRecovery implements LRARecoveryService {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public void waitForCallbacks(URI lraId) throws LRACallbackException {
        // the coordinator sends complete/compensate inline with close/cancel; a replay covers the asynchronous ones
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        while (System.nanoTime() < deadline && known(lraId)) {
            pause(50);
        }
    }

    @Override
    public boolean waitForEndPhaseReplay(URI lraId) throws LRACallbackException {
        String recovering = get(coordinator(lraId) + "/recovery");
        if (recovering.contains(lraId.toString())) {
            return false;
        }
        return !known(lraId);
    }

    private boolean known(URI lraId) throws LRACallbackException {
        return get(coordinator(lraId) + "/").contains(lraId.toString());
    }

    private static String coordinator(URI lraId) {
        String id = lraId.toString();
        int query = id.indexOf('?');
        String path = query < 0 ? id : id.substring(0, query);
        return path.substring(0, path.lastIndexOf('/'));
    }

    private String get(String url) throws LRACallbackException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.body();
        } catch (IOException e) {
            throw new LRACallbackException("The coordinator at " + url + " could not be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LRACallbackException("Interrupted", e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
