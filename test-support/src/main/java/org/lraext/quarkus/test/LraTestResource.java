package org.lraext.quarkus.test;

import java.util.Map;

import org.lraext.quarkus.runtime.LraConfigKeys;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Lets {@link LraTesting} read a packaged (or native) application under {@code @QuarkusIntegrationTest}: the
 * application keeps its LRA journal and serves it at {@code /q/lra/journal}, which is off by default outside dev and
 * test mode.
 *
 * <pre>
 * &#64;QuarkusIntegrationTest
 * &#64;QuarkusTestResource(LraTestResource.class)
 * class TripIT { ... LraTesting.assertThatLra(lra).endsWithin(Duration.ofSeconds(5)).isClosed(); ... }
 * </pre>
 *
 * In a {@code @QuarkusTest} it is not needed (the journal is on in test mode), and harmless.
 */
public class LraTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(LraConfigKeys.JOURNAL_ENABLED, "true");
    }

    @Override
    public void stop() {
    }
}
