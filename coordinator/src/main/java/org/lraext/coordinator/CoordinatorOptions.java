package org.lraext.coordinator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Options of the packaged coordinator beyond Narayana's own.
 */
@ConfigMapping(prefix = "lra.coordinator")
public interface CoordinatorOptions {

    /**
     * The process that started this coordinator (Dev Services); when it ends, the coordinator exits too, so that a
     * killed dev-mode or test JVM leaves no coordinator behind.
     */
    OptionalLong parentPid();

    /**
     * Whether the file-system object store keeps its records in a journal ({@code LRA_COORDINATOR_JOURNAL}, the
     * default): Narayana's journal store on Artemis's journal, records appended to preallocated files and flushed in
     * groups. With {@code false}, each record is a file of its own, replaced by rename (the crash-safe file store). Both
     * are durable: an answer is sent after its records are on disk. Not used by the JDBC store.
     */
    @WithDefault("true")
    boolean journal();

    /**
     * The journal's most flushes per second: a write waits at most 1/this of a second for the flush that carries it
     * to begin, and writes that arrive meanwhile share that flush.
     */
    @WithDefault("5000")
    int journalFlushesPerSecond();

    /**
     * How long a connection to a participant stays open for the next callback after its last one
     * ({@code LRA_COORDINATOR_CALLBACK_KEEP_ALIVE}), in whole seconds (rounded down, at least 1; an idle connection
     * is closed within a quarter of a second after that). Callbacks to a participant share a pool of kept-alive
     * connections (at most {@link #callbackConnections()} per participant host and port); keep this below the
     * participants' own idle timeout (Quarkus: 30 minutes; Node.js: 5 s), so that the coordinator, not the
     * participant, closes an idle connection. {@code 0} opens a new connection for every callback and closes it
     * after the answer.
     */
    @WithDefault("3s")
    Duration callbackKeepAlive();

    /**
     * The most connections open at once to one participant (host and port) for callbacks
     * ({@code LRA_COORDINATOR_CALLBACK_CONNECTIONS}); more callbacks at once wait for one of them. A callback waits
     * at most 2.5 s for a connection, and one whose participant sends nothing for 2.5 s is abandoned and its connection
     * closed (Narayana waits 2 s for an answer).
     */
    @WithDefault("200")
    int callbackConnections();

    /**
     * Whether every call needs credentials ({@code LRA_COORDINATOR_AUTH}, off by default): a bearer JWT (issuer
     * {@code LRA_COORDINATOR_JWT_ISSUER}, verified with the public key or JWKS at {@code LRA_COORDINATOR_JWT_KEY}) or
     * a client certificate (mutual TLS), whose groups (JWT) or common name (certificate) are its roles:
     * {@code lra-participant} may start, join, leave, close, cancel, renew and read one LRA; {@code lra-admin} may also
     * list all LRAs and read, move and delete recovery records; {@code lra-coordinator} is this coordinator's own
     * role, for its nested-LRA endpoints. Without credentials: 401; with too few roles: 403.
     */
    @WithDefault("false")
    boolean auth();

    /**
     * The TLS configuration of the Quarkus TLS registry ({@code quarkus.tls.<name>.*}) the coordinator's callbacks to
     * {@code https} participants use: the certificates trusted and the client certificate shown
     * ({@code LRA_COORDINATOR_CALLBACK_TLS}). Unset: the registry's default configuration if there is one, else the
     * JVM's trust store.
     */
    Optional<String> callbackTlsConfigurationName();

    /**
     * A file holding the bearer token sent on every callback and recovery call to participants
     * ({@code LRA_COORDINATOR_CALLBACK_TOKEN_FILE}), re-read when it changes: the participants can verify that a
     * callback comes from the coordinator, and a recovery pass never depends on a user's token, which may have expired
     * since the LRA began. Unset: callbacks carry no token.
     */
    Optional<Path> callbackTokenFile();

    /**
     * Where the callback token may go ({@code LRA_COORDINATOR_CALLBACK_TOKEN_ORIGINS}): {@code https} origins,
     * {@code https://host:port}, or {@code https://host} for any port of that host, comma-separated. The callback URLs
     * are the ones participants gave when they joined: a caller allowed to join could name a server of its own and
     * collect the token there, so list the participants' origins (and the coordinator's own, for its nested-LRA calls).
     * An {@code http://host[:port]} origin may be listed for a participant on the same host (dev mode); unset: every
     * {@code https} callback carries it, and no plain {@code http} one.
     */
    Optional<List<String>> callbackTokenOrigins();

    /**
     * Client certificates on the https port ({@code LRA_COORDINATOR_CLIENT_CERTIFICATES}): {@code none},
     * {@code request} (a trusted certificate authenticates its sender; others may send a JWT instead) or
     * {@code required} (no TLS connection without a certificate from a CA of the TLS trust store). A certificate's
     * common name is its role (see {@link #auth()}).
     */
    @WithDefault("none")
    ClientCertificates clientCertificates();

    /** See {@link #clientCertificates()}. */
    enum ClientCertificates {
        NONE,
        REQUEST,
        REQUIRED
    }
}
