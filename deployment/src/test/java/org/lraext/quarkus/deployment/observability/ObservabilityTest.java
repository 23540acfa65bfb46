package org.lraext.quarkus.deployment.observability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lraext.quarkus.deployment.CoordinatorView;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * With quarkus-smallrye-health and quarkus-micrometer present: the readiness check, the metrics, and the LRA id in
 * the logging MDC.
 */
class ObservabilityTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ObservedResource.class, CoordinatorView.class));

    private static double metric(String text, String name, String... tags) {
        double total = 0;
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(text);
        while (m.find()) {
            String labels = m.group(1) == null ? "" : m.group(1);
            boolean all = true;
            for (String tag : tags) {
                all &= labels.contains(tag);
            }
            if (all) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }

    @Test
    void readinessReportsTheCoordinator() {
        Response r = given().get("/q/health/ready");
        assertEquals(200, r.statusCode(), r.asString());
        assertTrue(r.asString().contains("LRA coordinator reachable"), r.asString());
        assertTrue(r.asString().contains(CoordinatorView.coordinatorUrl()), r.asString());
    }

    @Test
    void theLraIdIsInTheLoggingMdcWhileTheMethodRuns() {
        for (String path : new String[] { "/observed/blocking", "/observed/reactive" }) {
            String[] seen = given().get(path).asString().split("\\|");
            assertTrue(seen[1].startsWith(CoordinatorView.coordinatorUrl()), seen[1]);
            assertEquals(seen[1], seen[0], path + ": MDC lraId");
        }
        assertEquals("null", given().get("/observed/outside").asString(), "no LRA, no MDC entry");
    }

    @Test
    void metricsCountLrasCallbacksAndCoordinatorCalls() {
        String before = given().get("/q/metrics").asString();
        given().get("/observed/blocking").then().statusCode(200);
        given().get("/observed/blocking").then().statusCode(200);
        given().get("/observed/refused").then().statusCode(409);
        String after = given().get("/q/metrics").asString();

        assertEquals(3, metric(after, "lra_started_total") - metric(before, "lra_started_total"), after);
        assertEquals(3, metric(after, "lra_joined_total") - metric(before, "lra_joined_total"));
        assertEquals(2, metric(after, "lra_ended_total", "outcome=\"closed\"", "result=\"ok\"")
                - metric(before, "lra_ended_total", "outcome=\"closed\"", "result=\"ok\""));
        assertEquals(1, metric(after, "lra_ended_total", "outcome=\"cancelled\"", "result=\"ok\"")
                - metric(before, "lra_ended_total", "outcome=\"cancelled\"", "result=\"ok\""));
        assertEquals(2, metric(after, "lra_callbacks_total", "kind=\"complete\"", "outcome=\"2xx\"")
                - metric(before, "lra_callbacks_total", "kind=\"complete\"", "outcome=\"2xx\""));
        assertEquals(1, metric(after, "lra_callbacks_total", "kind=\"compensate\"", "outcome=\"2xx\"")
                - metric(before, "lra_callbacks_total", "kind=\"compensate\"", "outcome=\"2xx\""));
        assertEquals(3, metric(after, "lra_coordinator_calls_seconds_count", "operation=\"start\"", "outcome=\"2xx\"")
                - metric(before, "lra_coordinator_calls_seconds_count", "operation=\"start\"", "outcome=\"2xx\""));
        assertTrue(metric(after, "lra_coordinator_calls_seconds_sum", "operation=\"close\"") > 0, after);
    }
}
