package org.lraext.coordinator;

import java.util.OptionalLong;

import io.smallrye.config.ConfigMapping;

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
}
