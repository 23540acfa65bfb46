package org.lraext.quarkus.deployment.devmode;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusDevModeTest;

/**
 * Dev mode: editing a resource's LRA annotations is picked up at the next request, and the dev coordinator with its
 * LRAs survives the reload.
 */
class LiveReloadTest {

    static final int COORDINATOR_PORT = freePort();
    static final String COORDINATOR = "http://localhost:" + COORDINATOR_PORT + "/lra-coordinator";

    @RegisterExtension
    static final QuarkusDevModeTest DEV = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar.addClass(ReloadedResource.class).addAsResource(
                    new StringAsset("quarkus.lra.devservices.port=" + COORDINATOR_PORT + "\n" + DevModeSettings.NO_CONTAINER_NOISE),
                    "application.properties"));

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String status(String lra) {
        var r = given().get(COORDINATOR + "/" + lra.substring(lra.lastIndexOf('/') + 1) + "/status");
        return r.statusCode() == 404 ? "gone" : r.asString();
    }

    @Test
    void annotationChangesApplyAtOnceAndTheCoordinatorSurvives() {
        String first = given().get("/reloaded").asString();
        assertTrue(first.startsWith(COORDINATOR), first);
        assertEquals("Active", status(first), "end = false: the LRA stays active");

        DEV.modifySourceFile(ReloadedResource.class, s -> s.replace("end = false", "end = true"));
        String second = given().get("/reloaded").asString();
        assertTrue(second.startsWith(COORDINATOR), "the same dev coordinator after the reload: " + second);
        assertEquals("gone", status(second), "end = true after the edit: closed when the method returned");
        assertEquals("Active", status(first), "the LRA started before the reload is still known");

        DEV.modifySourceFile(ReloadedResource.class, s -> s.replace("@GET\n", "@GET\n    @jakarta.ws.rs.Produces(\"text/plain\")\n")
                .replace("LRA.Type.REQUIRES_NEW, end = true", "LRA.Type.MANDATORY, end = true"));
        assertEquals(412, given().get("/reloaded").statusCode(), "MANDATORY after the second edit");
        given().put(COORDINATOR + "/" + first.substring(first.lastIndexOf('/') + 1) + "/cancel").then().statusCode(200);
    }
}
