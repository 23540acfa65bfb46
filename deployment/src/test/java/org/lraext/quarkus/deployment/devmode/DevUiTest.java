package org.lraext.quarkus.deployment.devmode;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.QuarkusDevModeTest;

/**
 * The Dev UI card's data: the application's LRAs with their live status and events, and cancelling one from there.
 */
class DevUiTest {

    static final int COORDINATOR_PORT = freePort();

    @RegisterExtension
    static final QuarkusDevModeTest DEV = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar.addClass(ReloadedResource.class).addAsResource(
                    new StringAsset("quarkus.lra.devservices.port=" + COORDINATOR_PORT + "\n" + DevModeSettings.NO_CONTAINER_NOISE),
                    "application.properties"));

    private final DevUiRpc rpc = new DevUiRpc(ConfigProvider.getConfig().getValue("test.url", String.class),
            "quarkus-lra");

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode row(String lra) throws Exception {
        for (JsonNode row : rpc.call("lras")) {
            if (row.get("id").asText().equals(lra)) {
                return row;
            }
        }
        throw new AssertionError("LRA " + lra + " not listed");
    }

    @Test
    void listsTheApplicationsLrasAndCancelsOne() throws Exception {
        assertEquals("http://localhost:" + COORDINATOR_PORT + "/lra-coordinator",
                rpc.call("coordinatorUrl").asText());
        String lra = given().get("/reloaded").asString();
        JsonNode row = row(lra);
        assertEquals("Active", row.get("status").asText());
        assertTrue(row.get("active").asBoolean());
        assertEquals("STARTED", row.get("events").get(0).get("kind").asText(), row.toString());
        assertEquals("JOINED", row.get("events").get(1).get("kind").asText(), row.toString());

        String answer = rpc.call("cancel", Map.of("lra", lra)).asText();
        assertTrue(answer.startsWith("Cancelled"), answer);
        JsonNode ended = row(lra);
        assertTrue(ended.get("status").asText().startsWith("Cancelled"), ended.toString());
        assertTrue(ended.toString().contains("\"callback\":\"compensate\""), "the participant's callback: " + ended);

        String refused = rpc.call("close", Map.of("lra", "http://evil:1/lra-coordinator/0_1")).asText();
        assertTrue(refused.contains("trusted"), refused);
    }
}
