package org.lraext.quarkus.deployment.devmode;

/**
 * Settings the dev-mode tests share.
 */
final class DevModeSettings {

    /**
     * In dev mode Quarkus lists every Dev Service, and for that asks Testcontainers once per build whether a container
     * runtime works, even when no Dev Service uses containers (ours is a process of its own). There is no setting to
     * skip the question; on a machine without one (CI) Testcontainers logs the failed search as an ERROR. The answer
     * only decides whether container details are shown, so the tests keep Testcontainers' log quiet.
     */
    static final String NO_CONTAINER_NOISE = "quarkus.log.category.\"org.testcontainers\".level=OFF\n";

    private DevModeSettings() {
    }
}
