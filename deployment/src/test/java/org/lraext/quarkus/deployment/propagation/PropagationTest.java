package org.lraext.quarkus.deployment.propagation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lraext.quarkus.deployment.CoordinatorView;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * The LRA context on outgoing REST Client calls.
 */
class PropagationTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(EchoClient.class, PropagationResource.class, CoordinatorView.class))
            .overrideConfigKey("quarkus.rest-client.echo.url", "http://localhost:${quarkus.http.test-port:8081}");

    @Test
    void methodWithoutLraAnnotationsPropagatesButDoesNotSeeIt() {
        String lra = CoordinatorView.start("test");
        Response r = given().header(LRA.LRA_HTTP_CONTEXT_HEADER, lra).get("/prop/plain");
        assertEquals(200, r.statusCode());
        assertEquals("null|" + lra, r.asString());
        assertEquals(lra, r.header(LRA.LRA_HTTP_CONTEXT_HEADER), "the response echoes the context");
        CoordinatorView.cancel(lra);
    }

    @Test
    void jaxRsClientBuilderCallPropagates() {
        String lra = CoordinatorView.start("test");
        assertEquals(lra, given().header(LRA.LRA_HTTP_CONTEXT_HEADER, lra).get("/prop/jaxrs").asString());
        assertEquals("null", given().get("/prop/jaxrs").asString(), "nothing to propagate outside an LRA");
        CoordinatorView.cancel(lra);
    }

    @Test
    void reactiveCallOnTheEventLoopPropagates() {
        String lra = CoordinatorView.start("test");
        assertEquals(lra, given().header(LRA.LRA_HTTP_CONTEXT_HEADER, lra).get("/prop/plain-reactive").asString());
        CoordinatorView.cancel(lra);
    }

    @Test
    void noLraNothingPropagated() {
        assertEquals("null|null", given().get("/prop/plain").asString());
    }

    @Test
    void newLraIsTheOnePropagated() {
        String outer = CoordinatorView.start("test");
        String[] seen = given().header(LRA.LRA_HTTP_CONTEXT_HEADER, outer).get("/prop/new").asString().split("\\|");
        assertNotEquals(outer, seen[0]);
        assertEquals(seen[0], seen[1]);
        CoordinatorView.cancel(seen[0]);
        CoordinatorView.cancel(outer);
    }

    @Test
    void suspendedLraIsNotPropagated() {
        String outer = CoordinatorView.start("test");
        assertEquals("null", given().header(LRA.LRA_HTTP_CONTEXT_HEADER, outer).get("/prop/suspended").asString());
        CoordinatorView.cancel(outer);
    }
}
