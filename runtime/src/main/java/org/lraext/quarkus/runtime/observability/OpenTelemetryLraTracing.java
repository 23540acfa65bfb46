package org.lraext.quarkus.runtime.observability;

import java.net.URI;

import jakarta.inject.Singleton;

import org.lraext.quarkus.runtime.internal.LraTracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;

/**
 * OpenTelemetry tracing, registered when {@code quarkus-opentelemetry} is present: the server span of every @LRA
 * method and participant callback gets the attribute {@code lra.id}, and every coordinator call is a client span
 * {@code lra-coordinator <operation>} with {@code lra.operation}, {@code lra.coordinator.url}, {@code lra.id} (except
 * for {@code start}) and the HTTP status.
 */
@Singleton
public class OpenTelemetryLraTracing implements LraTracing {

    static final AttributeKey<String> LRA_ID = AttributeKey.stringKey("lra.id");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("lra.operation");
    static final AttributeKey<String> URL = AttributeKey.stringKey("lra.coordinator.url");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");

    private final Tracer tracer;

    public OpenTelemetryLraTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("org.lraext.quarkus-lra");
    }

    @Override
    public void inLra(URI lra) {
        Span span = Span.current();
        if (span.getSpanContext().isValid()) {
            span.setAttribute(LRA_ID, lra.toString());
        }
    }

    @Override
    public Object started(String operation, URI lra, String url) {
        // a child of the current span (the request's, when the call is made for a request)
        var span = tracer.spanBuilder("lra-coordinator " + operation).setSpanKind(SpanKind.CLIENT)
                .setAttribute(OPERATION, operation).setAttribute(URL, url);
        if (lra != null) {
            span.setAttribute(LRA_ID, lra.toString());
        }
        return span.startSpan();
    }

    @Override
    public void ended(Object token, String operation, int status, long nanos) {
        if (token instanceof Span span) {
            if (status == 0) {
                span.setStatus(StatusCode.ERROR, "coordinator unreachable");
            } else {
                span.setAttribute(STATUS, (long) status);
                if (status >= 500) {
                    span.setStatus(StatusCode.ERROR);
                }
            }
            span.end();
        }
    }
}
