package org.lraext.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.lraext.test.JavaService;
import org.junit.jupiter.api.AfterAll;

/**
 * The multi-coordinator crash on Narayana's JDBC store: one PostgreSQL server (Debian's package, started by the test),
 * a database per coordinator; the killed coordinator finds its LRAs in its database when it comes back. Here the trip
 * service finds the coordinators through SmallRye Stork (a static list, round-robin), the flight and hotel services
 * through the comma-separated list.
 */
class MultiCoordinatorJdbcStoreTest extends AbstractMultiCoordinatorTest {

    private Postgres postgres;
    private final List<String> databases = new ArrayList<>();

    @Override
    String name() {
        return "multi-coordinator-jdbc";
    }

    @Override
    JavaService coordinator(int i) {
        if (postgres == null) {
            postgres = new Postgres(cluster.directory("postgres"));
        }
        String database = "lra_store_" + i;
        databases.add(database);
        return cluster.coordinatorOnDatabase("coordinator" + i, postgres.database(database));
    }

    @Override
    List<String> tripCoordinators(String urls) {
        String addresses = Arrays.stream(urls.split(",")).map(u -> URI.create(u).getAuthority())
                .collect(Collectors.joining(","));
        return List.of("-Dquarkus.lra.coordinator-url=stork://lra-coordinators/lra-coordinator",
                "-Dquarkus.stork.lra-coordinators.service-discovery.type=static",
                "-Dquarkus.stork.lra-coordinators.service-discovery.address-list=" + addresses);
    }

    @Override
    void checkStores() {
        List<String> tables = new ArrayList<>();
        StringBuilder rows = new StringBuilder();
        for (String database : databases) {
            tables.addAll(postgres.query(database, "SELECT tablename FROM pg_tables WHERE tablename LIKE 'lra_%'"));
            rows.append(' ').append(database).append('=')
                    .append(postgres.query(database, "SELECT count(*) FROM lra_jbosststxtable").get(0));
        }
        System.out.printf("[%s] records left in the three databases:%s%n", name(), rows);
        // each coordinator kept its store in its own database
        assertEquals(List.of("lra_jbosststxtable", "lra_jbosststxtable", "lra_jbosststxtable"), tables);
    }

    @Override
    @AfterAll
    void stop() {
        super.stop(); // the coordinators first, then their database
        if (postgres != null) {
            postgres.close();
        }
    }
}
