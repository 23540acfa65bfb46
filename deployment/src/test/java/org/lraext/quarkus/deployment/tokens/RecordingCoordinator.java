package org.lraext.quarkus.deployment.tokens;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A coordinator on loopback that does just enough (start, join, close, cancel) and records, for every call, its method,
 * path and {@code Authorization} header: "POST /lra-coordinator/start Bearer x". One per test JVM, kept in the system
 * properties (QuarkusUnitTest loads a test class twice).
 */
final class RecordingCoordinator {

    private final HttpServer server;
    private final List<String> calls;

    @SuppressWarnings("unchecked")
    static RecordingCoordinator shared() {
        Object[] kept = (Object[]) System.getProperties().computeIfAbsent("lraext.test.recording-coordinator", k -> {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
                List<String> calls = Collections.synchronizedList(new ArrayList<>());
                AtomicInteger lras = new AtomicInteger();
                server.createContext("/lra-coordinator", exchange -> answer(exchange, calls, lras));
                server.start();
                return new Object[] { server, calls };
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return new RecordingCoordinator((HttpServer) kept[0], (List<String>) kept[1]);
    }

    private RecordingCoordinator(HttpServer server, List<String> calls) {
        this.server = server;
        this.calls = calls;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/lra-coordinator";
    }

    /** The calls recorded so far, and forgets them. */
    List<String> take() {
        synchronized (calls) {
            List<String> taken = List.copyOf(calls);
            calls.clear();
            return taken;
        }
    }

    private static void answer(HttpExchange exchange, List<String> calls, AtomicInteger lras) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            calls.add(method + " " + path + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            String base = "http://127.0.0.1:" + exchange.getLocalAddress().getPort() + "/lra-coordinator";
            if (method.equals("POST") && path.endsWith("/start")) {
                String id = base + "/0_" + lras.incrementAndGet();
                exchange.getResponseHeaders().set("Location", id);
                send(exchange, 201, id);
            } else if (method.equals("PUT") && (path.endsWith("/close") || path.endsWith("/cancel"))) {
                send(exchange, 200, path.endsWith("/close") ? "Closed" : "Cancelled");
            } else if (method.equals("PUT")) {
                String recovery = base + "/recovery" + path.substring(path.lastIndexOf('/'));
                exchange.getResponseHeaders().set("Long-Running-Action-Recovery", recovery);
                send(exchange, 200, recovery);
            } else {
                send(exchange, 404, "");
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
