package org.lraext.it.packaged;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;

/** The spans of one LRA (attribute {@code lra.id}), one per line ({@code KIND name}), for the tests to read. */
@Path("/spans")
public class SpansResource {

    private static final AttributeKey<String> LRA_ID = AttributeKey.stringKey("lra.id");

    @Inject
    InMemorySpanExporter spans;

    @GET
    public String of(@QueryParam("lra") String lra) {
        StringBuilder out = new StringBuilder();
        for (SpanData s : spans.getFinishedSpanItems()) {
            if (lra.equals(s.getAttributes().get(LRA_ID))) {
                out.append(s.getKind()).append(' ').append(s.getName()).append('\n');
            }
        }
        return out.toString();
    }
}
