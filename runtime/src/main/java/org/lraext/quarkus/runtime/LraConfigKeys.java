package org.lraext.quarkus.runtime;

/**
 * The names of the extension's settings, for messages, Dev Services and tests: one place for each key.
 */
public final class LraConfigKeys {

    public static final String PREFIX = "quarkus.lra.";
    public static final String COORDINATOR_URL = PREFIX + "coordinator-url";
    public static final String TRUSTED_COORDINATORS = PREFIX + "trusted-coordinators";
    public static final String COORDINATOR_TLS = PREFIX + "coordinator.tls-configuration-name";
    public static final String COORDINATOR_TOKEN_FILE = PREFIX + "coordinator.token-file";
    public static final String COORDINATOR_OIDC_CLIENT = PREFIX + "coordinator.oidc-client";
    public static final String COORDINATOR_PROPAGATE_TOKEN = PREFIX + "coordinator.propagate-token";
    public static final String BASE_URI = PREFIX + "base-uri";
    public static final String CALLBACKS = PREFIX + "callbacks";
    public static final String SIGNING_KEY = CALLBACKS + ".signing-key";
    public static final String PREVIOUS_SIGNING_KEYS = CALLBACKS + ".previous-signing-keys";
    public static final String REMEMBERED = CALLBACKS + ".remembered";
    public static final String CALLBACK_ROLES = CALLBACKS + ".roles-allowed";
    public static final String JOURNAL_ENABLED = PREFIX + "journal.enabled";
    public static final String KAFKA_CHANNEL = PREFIX + "kafka.channel";
    public static final String DEVSERVICES = PREFIX + "devservices.";
    public static final String DEVSERVICES_COORDINATOR_JAR = DEVSERVICES + "coordinator-jar";

    private LraConfigKeys() {
    }
}
