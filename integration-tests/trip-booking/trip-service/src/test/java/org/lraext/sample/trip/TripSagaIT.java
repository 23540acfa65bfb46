package org.lraext.sample.trip;

import org.lraext.quarkus.test.LraTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The saga's tests against the packaged trip service, the rest of the saga from {@link SagaServices} (declared on the
 * superclass); with -Pnative, against the three services' native executables. Not in the default build (no failsafe
 * there): run with -Pnative.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = LraTestResource.class, restrictToAnnotatedClass = true)
class TripSagaIT extends TripSagaTest {
}
