package org.lraext.it.observability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;

/**
 * With quarkus-opentelemetry: the @LRA method's server span and the callback's server span carry {@code lra.id}, and
 * every coordinator call is a client span of the request that made it.
 */
@QuarkusTest
class TracingTest {

    static final AttributeKey<String> LRA_ID = AttributeKey.stringKey("lra.id");

    @Inject
    InMemorySpanExporter spans;

    private List<SpanData> withLra(String lra) {
        return spans.getFinishedSpanItems().stream().filter(s -> lra.equals(s.getAttributes().get(LRA_ID))).toList();
    }

    @Test
    void lraRequestsCallbacksAndCoordinatorCallsAreTraced() {
        spans.reset();
        String lra = given().get("/traced").asString();
        // the server span of the @LRA method, its start / join / close client spans, the @Complete server span
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> withLra(lra).size() >= 4);
        List<SpanData> traced = withLra(lra);
        SpanData method = traced.stream().filter(s -> s.getName().contains("/traced") && !s.getName().contains("complete")
                && s.getKind() == io.opentelemetry.api.trace.SpanKind.SERVER).findFirst()
                .orElseThrow(() -> new AssertionError("no server span of the @LRA method: " + traced));
        SpanData callback = traced.stream().filter(s -> s.getName().contains("complete")
                && s.getKind() == io.opentelemetry.api.trace.SpanKind.SERVER).findFirst()
                .orElseThrow(() -> new AssertionError("no server span of @Complete: " + traced));
        SpanData join = traced.stream().filter(s -> s.getName().equals("lra-coordinator join")).findFirst()
                .orElseThrow(() -> new AssertionError("no join span: " + traced));
        SpanData close = traced.stream().filter(s -> s.getName().equals("lra-coordinator close")).findFirst()
                .orElseThrow(() -> new AssertionError("no close span: " + traced));
        assertEquals(method.getTraceId(), join.getTraceId(), "the join is part of the request's trace");
        assertEquals(method.getSpanId(), join.getParentSpanId());
        assertEquals(method.getTraceId(), close.getTraceId());
        assertEquals(200L, close.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
        SpanData start = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("lra-coordinator start")
                && s.getTraceId().equals(method.getTraceId())).findFirst()
                .orElseThrow(() -> new AssertionError("no start span in the request's trace"));
        // the ClientID is the endpoint, made unique per start (;start=<16 hex digits>)
        assertTrue(start.getAttributes().get(AttributeKey.stringKey("lra.coordinator.url")).matches(".*/start\\?ClientID="
                + "org\\.lraext\\.it\\.observability\\.TracedResource%23work%3Bstart%3D[0-9a-f]{16}&TimeLimit=0"),
                start.toString());
        System.out.printf("[tracing] LRA %s: %d spans with lra.id (%s)%n", lra, traced.size(),
                traced.stream().map(SpanData::getName).toList());
        assertTrue(callback.getStartEpochNanos() >= close.getStartEpochNanos()
                && callback.getEndEpochNanos() <= close.getEndEpochNanos(), "the coordinator called @Complete during close");
    }
}
