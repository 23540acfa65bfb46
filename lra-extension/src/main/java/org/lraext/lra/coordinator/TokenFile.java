package org.lraext.lra.coordinator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.vertx.core.Vertx;
import io.vertx.core.file.FileProps;

/**
 * A bearer token kept in a file and rotated by someone else (a Kubernetes projected service-account token, a secret
 * mount): read once when made, then checked every so often with Vert.x's asynchronous file system, so no event loop
 * ever waits for the disk. Each call reads the latest token from memory. A file that cannot be read or is empty later
 * keeps the last good token (with a warning): a token is never dropped because of a rotation in progress.
 */
public final class TokenFile implements Supplier<String>, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TokenFile.class);
    /** A token longer than this is not a token. */
    static final int MAX_BYTES = 16 * 1024;

    private final Vertx vertx;
    private final Path path;
    private final long timer;
    private volatile String header;
    private volatile long modified;
    private volatile long size;
    /** The last problem warned about, or null. */
    private volatile String problem;

    /**
     * Reads the token now (blocking: call at start-up) and checks the file every {@code check}.
     *
     * @throws IllegalArgumentException when the file cannot be read, is empty or is too large
     */
    public TokenFile(Vertx vertx, Path path, Duration check) {
        this.vertx = vertx;
        this.path = path;
        try {
            byte[] bytes = Files.readAllBytes(path);
            this.header = header(bytes);
            this.modified = Files.getLastModifiedTime(path).toMillis();
            this.size = bytes.length;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the token file " + path + ": " + e, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the token file " + path + " is not usable: " + e.getMessage(), e);
        }
        this.timer = vertx.setPeriodic(Math.max(1, check.toMillis()), id -> check());
    }

    /** {@code Bearer <token>}. */
    @Override
    public String get() {
        return header;
    }

    private static String header(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("it holds " + bytes.length + " bytes; a token has at most " + MAX_BYTES);
        }
        String token = new String(bytes, StandardCharsets.UTF_8).strip();
        if (token.isEmpty()) {
            throw new IllegalArgumentException("it is empty");
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= ' ' || c >= 127) {
                throw new IllegalArgumentException("it holds more than one token, or characters a token cannot have");
            }
        }
        return "Bearer " + token;
    }

    private void check() {
        vertx.fileSystem().props(path.toString()).onComplete(ar -> {
            if (ar.failed()) {
                problem("cannot be read (" + ar.cause().getMessage() + ")");
                return;
            }
            FileProps props = ar.result();
            if (props.lastModifiedTime() == modified && props.size() == size) {
                return;
            }
            vertx.fileSystem().readFile(path.toString()).onComplete(read -> {
                if (read.failed()) {
                    problem("cannot be read (" + read.cause().getMessage() + ")");
                    return;
                }
                // this version of the file is not read again, usable or not
                modified = props.lastModifiedTime();
                size = props.size();
                try {
                    String next = header(read.result().getBytes());
                    problem = null;
                    if (!next.equals(header)) {
                        header = next;
                        LOG.infof("The token in %s changed: calls send the new one", path);
                    }
                } catch (IllegalArgumentException e) {
                    problem("is not usable now (" + e.getMessage() + ")");
                }
            });
        });
    }

    /** Warns once per problem (the file is checked often; the log says it when the problem changes). */
    private void problem(String what) {
        if (!what.equals(problem)) {
            problem = what;
            LOG.warnf("The token file %s %s; the last token read is still sent", path, what);
        }
    }

    @Override
    public void close() {
        vertx.cancelTimer(timer);
    }

    /** For messages. */
    @Override
    public String toString() {
        return "token file " + path;
    }
}
