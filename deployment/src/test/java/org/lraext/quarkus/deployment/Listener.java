package org.lraext.quarkus.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP listener that counts the connections reaching it: the proof that a refused LRA id caused no
 * outbound connection. It can also stand in for a misbehaving coordinator: one that answers every request with a fixed
 * raw HTTP response (a redirect), or one that reads requests and never answers.
 * <p>
 * One listener per name and test JVM: QuarkusUnitTest loads a test class twice (by JUnit, then by the application's
 * class loader), so its static fields are initialised twice. The socket and the counter, both JDK classes, are kept
 * in the system properties so that both copies of the class use the same listener.
 */
public final class Listener {

    private final ServerSocket server;
    private final AtomicInteger connections;
    private final String response;
    private final boolean hold;

    private Listener(ServerSocket server, AtomicInteger connections, String response, boolean hold) {
        this.server = server;
        this.connections = connections;
        this.response = response;
        this.hold = hold;
    }

    private static Listener shared(String name, String response, boolean hold) {
        String key = "lraext.test.listener." + name;
        boolean[] created = new boolean[1];
        Object[] kept = (Object[]) System.getProperties().computeIfAbsent(key, k -> {
            created[0] = true;
            try {
                return new Object[] { new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), new AtomicInteger() };
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Listener l = new Listener((ServerSocket) kept[0], (AtomicInteger) kept[1], response, hold);
        if (created[0]) {
            Thread thread = new Thread(l::serve, "listener-" + name);
            thread.setDaemon(true);
            thread.start();
        }
        return l;
    }

    /** Counts and closes every connection. */
    public static Listener counting(String name) {
        return shared(name, null, false);
    }

    /** Answers every request with this raw HTTP response, then closes the connection. */
    public static Listener answering(String name, String rawResponse) {
        return shared(name, rawResponse, false);
    }

    /** Accepts connections but never answers on them. */
    public static Listener silent(String name) {
        return shared(name, null, true);
    }

    /**
     * A listener whose accept queue is full: it never accepts, so once the queue holds its few connections a new
     * connection attempt gets no answer at all (the kernel drops the SYN), as with a coordinator host that is down.
     */
    public static ServerSocket notAccepting() {
        return (ServerSocket) System.getProperties().computeIfAbsent("lraext.test.listener.not-accepting",
                k -> createNotAccepting());
    }

    private static ServerSocket createNotAccepting() {
        try {
            ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            for (int i = 0; i < 8; i++) {
                Socket filler = new Socket();
                try {
                    filler.connect(s.getLocalSocketAddress(), 200);
                } catch (IOException e) {
                    filler.close();
                    break; // the queue is full: connects now time out
                }
            }
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    public int connections() {
        return connections.get();
    }

    private void serve() {
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return;
            }
            connections.incrementAndGet();
            if (hold) {
                continue; // left open and unanswered; the test JVM's exit closes it
            }
            try (s) {
                if (response != null) {
                    readHead(s.getInputStream());
                    OutputStream out = s.getOutputStream();
                    out.write(response.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException e) {
                // the client went away: nothing to do
            }
        }
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = { '\r', '\n', '\r', '\n' };
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }
}
