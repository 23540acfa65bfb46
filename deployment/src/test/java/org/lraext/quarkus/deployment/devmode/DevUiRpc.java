package org.lraext.quarkus.deployment.devmode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Calls the Dev UI's JSON-RPC methods over its WebSocket ({@code /q/dev-ui/json-rpc-ws}) and returns as soon as the
 * answer is there (Quarkus's own test helper looks for it every 3 s). One connection per call, as a page would open.
 */
final class DevUiRpc {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private final URI uri;
    private final String namespace;
    private final AtomicInteger ids = new AtomicInteger();

    DevUiRpc(String baseUrl, String namespace) {
        this.uri = URI.create(baseUrl.replaceFirst("^http", "ws") + "/q/dev-ui/json-rpc-ws");
        this.namespace = namespace;
    }

    JsonNode call(String method) throws Exception {
        return call(method, Map.of());
    }

    /** The method's result ({@code result.object} of the answer with this call's id); fails after 30 s. */
    JsonNode call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id)
                .put("method", namespace + "_" + method);
        request.set("params", JSON.valueToTree(params));
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        WebSocket ws = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            try {
                                JsonNode message = JSON.readTree(text.toString());
                                if (message.path("id").asInt(-1) == id) {
                                    answer.complete(message);
                                }
                            } catch (Exception e) {
                                answer.completeExceptionally(e);
                            }
                            text.setLength(0);
                        }
                        socket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
                        answer.completeExceptionally(new IllegalStateException("the Dev UI closed the connection before"
                                + " answering " + method + ": " + status + " " + reason));
                        return null;
                    }

                    @Override
                    public void onError(WebSocket socket, Throwable error) {
                        answer.completeExceptionally(error);
                    }
                }).get(10, TimeUnit.SECONDS);
        try {
            ws.sendText(JSON.writeValueAsString(request), true).get(10, TimeUnit.SECONDS);
            JsonNode message = answer.get(30, TimeUnit.SECONDS);
            if (message.has("error")) {
                throw new AssertionError(method + " answered an error: " + message);
            }
            return message.path("result").path("object");
        } finally {
            ws.abort();
        }
    }
}
