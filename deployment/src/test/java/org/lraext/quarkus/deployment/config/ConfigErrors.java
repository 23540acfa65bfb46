package org.lraext.quarkus.deployment.config;

/** The messages of a start-up failure and all its causes, one per line. */
final class ConfigErrors {

    private ConfigErrors() {
    }

    static String messages(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        return all.toString();
    }
}
