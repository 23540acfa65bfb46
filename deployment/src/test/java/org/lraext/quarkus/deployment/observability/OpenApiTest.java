package org.lraext.quarkus.deployment.observability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lraext.quarkus.deployment.nonjaxrs.PlainParticipant;

import io.quarkus.test.QuarkusUnitTest;

/** The proxy the extension adds for plain-method callbacks is not in the application's OpenAPI document. */
class OpenApiTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(PlainParticipant.class, ObservedResource.class));

    @Test
    void extensionEndpointsAreHidden() {
        String doc = given().queryParam("format", "json").get("/q/openapi").asString();
        assertTrue(doc.contains("/plain/work") && doc.contains("/observed/blocking"), "the application's own: " + doc);
        assertFalse(doc.contains("lra-participant-proxy"), doc);
        // still served: the coordinator needs it
        assertTrue(given().put("/lra-participant-proxy/x/compensate").statusCode() == 404);
    }
}
