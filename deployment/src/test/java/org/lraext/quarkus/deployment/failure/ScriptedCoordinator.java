package org.lraext.quarkus.deployment.failure;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A coordinator on loopback that crashes at chosen moments, as seen from the client: it answers a start, then drops
 * the connection of the join that follows, and of the first two cancels; or it drops the connection of a start it
 * "created" (ClientID containing {@code Lost}), later lists that LRA as active and cancels it when asked. A second
 * coordinator at another path of the same listener works (start, join, close), but for lost starts. Every request
 * line is recorded.
 * <p>
 * Shared through the system properties (JDK types only), because QuarkusUnitTest loads a test class twice.
 */
final class ScriptedCoordinator {

    private final ServerSocket server;
    private final List<String> requests;

    @SuppressWarnings("unchecked")
    static ScriptedCoordinator shared() {
        boolean[] created = new boolean[1];
        Object[] kept = (Object[]) System.getProperties().computeIfAbsent("lraext.test.scripted-coordinator", k -> {
            created[0] = true;
            try {
                return new Object[] { new ServerSocket(0, 50, InetAddress.getLoopbackAddress()),
                        Collections.synchronizedList(new ArrayList<String>()) };
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        ScriptedCoordinator c = new ScriptedCoordinator((ServerSocket) kept[0], (List<String>) kept[1]);
        if (created[0]) {
            Thread t = new Thread(c::serve, "scripted-coordinator");
            t.setDaemon(true);
            t.start();
        }
        return c;
    }

    private ScriptedCoordinator(ServerSocket server, List<String> requests) {
        this.server = server;
        this.requests = requests;
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/lra-coordinator";
    }

    /** The request lines received, e.g. {@code PUT /lra-coordinator/0_1/cancel}, query included. */
    List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** A second coordinator on the same listener, at another path: it works. */
    String secondUrl() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/second-coordinator";
    }

    private void serve() {
        int lras = 0;
        java.util.Map<String, String> lostClientIds = new java.util.HashMap<>(); // by coordinator base
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                String line = readHead(s.getInputStream());
                requests.add(line);
                String[] parts = line.split(" ");
                String method = parts[0];
                String target = parts.length > 1 ? parts[1] : "";
                boolean second = target.startsWith("/second-coordinator");
                String base = second ? secondUrl() : url();
                String path = target.replaceFirst("\\?.*", "");
                OutputStream out = s.getOutputStream();
                if (method.equals("POST") && path.endsWith("/start")) {
                    String clientId = URLDecoder.decode(target.replaceAll(".*ClientID=([^&]*).*", "$1"),
                            StandardCharsets.UTF_8);
                    if (clientId.contains("Lost")) {
                        lostClientIds.put(base, clientId); // "created", then the connection drops before the answer
                        continue;
                    }
                    String id = base + "/0_" + (++lras);
                    answer(out, "201 Created", "Location: " + id + "\r\n", id);
                } else if (method.equals("GET") && target.contains("Status=Active")) {
                    String lostClientId = lostClientIds.get(base);
                    String json = lostClientId == null ? "[]"
                            : "[{\"lraId\":\"" + base + "/0_lost\",\"clientId\":\"" + lostClientId
                                    + "\",\"status\":\"Active\"}]";
                    answer(out, "200 OK", "Content-Type: application/json\r\n", json);
                } else if (method.equals("PUT") && path.endsWith("/cancel")) {
                    long earlier = requests().stream().filter(r -> r.equals(line)).count();
                    if (second || earlier >= 3 || target.contains("/0_lost/")) {
                        answer(out, "200 OK", "", "Cancelled");
                    } // else: down again, the connection drops
                } else if (second && method.equals("PUT") && path.endsWith("/close")) {
                    answer(out, "200 OK", "", "Closed");
                } else if (second && method.equals("PUT")) {
                    // a join on the second coordinator
                    answer(out, "200 OK", "Long-Running-Action-Recovery: " + base + "/recovery/x\r\n", base + "/recovery/x");
                }
                // on the first coordinator a join (PUT /lra-coordinator/0_N?TimeLimit=...) drops the connection
            } catch (IOException e) {
                // the client went away
            }
        }
    }

    private static void answer(OutputStream out, String status, String headers, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: " + bytes.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }

    /** Reads the request head; returns its first line without the HTTP version. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = { '\r', '\n', '\r', '\n' };
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String first = head.toString(StandardCharsets.US_ASCII).split("\r\n", 2)[0];
        int version = first.lastIndexOf(" HTTP/");
        return version > 0 ? first.substring(0, version) : first;
    }
}
