package org.lraext.quarkus.runtime.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;
import org.lraext.quarkus.runtime.LraConfigKeys;
import org.lraext.lra.coordinator.CoordinatorException;
import org.lraext.lra.coordinator.StartCoordinators;
import org.lraext.lra.protocol.LraIds;

import io.smallrye.mutiny.Uni;
import io.smallrye.stork.Stork;
import io.smallrye.stork.api.Service;
import io.smallrye.stork.api.ServiceInstance;

/**
 * New LRAs start on the coordinators a Stork service discovers: the instance its load balancer chooses first, the
 * others as fall-backs. Every instance it names becomes a trusted coordinator. Loaded only when
 * {@code quarkus.lra.coordinator-url} is a {@code stork://} URL.
 */
final class StorkCoordinators implements StartCoordinators {

    private static final Logger LOG = Logger.getLogger(StorkCoordinators.class);
    static final String SCHEME = "stork";

    private final Service service;
    private final String path;
    private final LraIds ids;
    /**
     * The instance the load balancer last chose for each coordinator, as it returned it (statistics-gathering balancers
     * wrap the discovered instance): told how the start on it went.
     */
    private final Map<URI, ServiceInstance> chosen = new ConcurrentHashMap<>();

    private record Discovered(URI url, ServiceInstance instance) {
    }

    /**
     * @param url {@code stork://<service>/<path>}
     * @throws IllegalArgumentException when the URL has no service name, or Stork does not know the service
     */
    StorkCoordinators(URI url, LraIds ids) {
        String name = url.getHost();
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A Stork coordinator URL is stork://<service>/<path>, got " + url);
        }
        String p = url.getRawPath() == null ? "" : url.getRawPath();
        this.path = p.isEmpty() || p.equals("/") ? "/lra-coordinator" : p;
        this.ids = ids;
        try {
            this.service = Stork.getInstance().getService(name);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(LraConfigKeys.COORDINATOR_URL + " names the Stork service " + name
                    + ", which Stork does not know: configure quarkus.stork." + name + ".service-discovery.type (and its"
                    + " options)", e);
        }
    }

    private Uni<List<Discovered>> discover() {
        return service.getInstances().map(instances -> {
            List<Discovered> found = new ArrayList<>(instances.size());
            for (ServiceInstance i : instances) {
                String base = (i.isSecure() ? "https://" : "http://") + i.getHost() + ":" + i.getPort() + path;
                try {
                    found.add(new Discovered(ids.discover(base), i));
                } catch (IllegalArgumentException e) {
                    LOG.warnf("Not using the coordinator %s found by Stork: %s", base, e.getMessage());
                }
            }
            return found;
        });
    }

    @Override
    public CompletionStage<List<URI>> next() {
        return discover().map(found -> {
            if (found.isEmpty()) {
                return List.<URI> of();
            }
            List<ServiceInstance> instances = found.stream().map(Discovered::instance).toList();
            ServiceInstance pick = service.selectInstanceAndRecordStart(instances, true);
            List<URI> order = new ArrayList<>(found.size());
            for (Discovered d : found) {
                if (d.instance().getId() == pick.getId()) {
                    order.add(0, d.url());
                    chosen.put(d.url(), pick);
                } else {
                    order.add(d.url());
                }
            }
            return order;
        }).onFailure(e -> !(e instanceof CoordinatorException))
                .transform(e -> new CoordinatorException(503, "Stork could not find the LRA coordinators of service "
                        + service.getServiceName() + ": " + e.getMessage(), e))
                .subscribeAsCompletionStage();
    }

    @Override
    public CompletionStage<List<URI>> all() {
        return discover().map(found -> found.stream().map(Discovered::url).toList()).subscribeAsCompletionStage();
    }

    @Override
    public void started(URI coordinator, Throwable failure) {
        ServiceInstance instance = chosen.get(coordinator);
        if (instance != null && instance.gatherStatistics()) {
            instance.recordReply();
            instance.recordEnd(failure);
        }
    }
}
