package org.lraext.quarkus.deployment;

import org.eclipse.microprofile.config.ConfigProvider;
import org.lraext.quarkus.runtime.LraConfigKeys;
import org.lraext.test.CoordinatorHttp;

/**
 * The real coordinator of the application under test, as the shared {@link CoordinatorHttp} reads it: what the tests
 * assert against.
 */
public final class CoordinatorView {

    private CoordinatorView() {
    }

    public static String coordinatorUrl() {
        return ConfigProvider.getConfig().getValue(LraConfigKeys.COORDINATOR_URL, String.class);
    }

    private static CoordinatorHttp coordinator() {
        return new CoordinatorHttp(coordinatorUrl());
    }

    /** The LRA's status name, or "gone" when the coordinator no longer knows it (it finished). */
    public static String status(String lra) {
        return coordinator().statusName(lra);
    }

    /** Starts an LRA directly on the coordinator, as a client outside any participant would. */
    public static String start(String clientId) {
        return coordinator().start(clientId);
    }

    public static void cancel(String lra) {
        coordinator().cancel(lra);
    }
}
