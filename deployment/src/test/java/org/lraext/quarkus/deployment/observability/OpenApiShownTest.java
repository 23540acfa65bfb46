package org.lraext.quarkus.deployment.observability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lraext.quarkus.deployment.nonjaxrs.PlainParticipant;

import io.quarkus.test.QuarkusUnitTest;

/** {@code quarkus.lra.openapi.show-extension-endpoints=true} puts the proxy in the OpenAPI document. */
class OpenApiShownTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(PlainParticipant.class))
            .overrideConfigKey("quarkus.lra.openapi.show-extension-endpoints", "true");

    @Test
    void extensionEndpointsAreShown() {
        String doc = given().queryParam("format", "json").get("/q/openapi").asString();
        assertTrue(doc.contains("/lra-participant-proxy/{participant}/compensate"), doc);
    }
}
