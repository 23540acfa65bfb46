package org.lraext.quarkus.runtime.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

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

    static final String SCHEME = "stork";

    private final String serviceName;
    private final String path;
    private final LraIds ids;
    /** The instances of the last look-up, by their coordinator URL; replaced whole. */
    private volatile List<Discovered> last = List.of();

    private record Discovered(URI url, ServiceInstance instance) {
    }

    /**
     * @param url {@code stork://<service>/<path>}
     */
    StorkCoordinators(URI url, LraIds ids) {
        this.serviceName = url.getHost();
        String p = url.getRawPath() == null ? "" : url.getRawPath();
        this.path = p.isEmpty() || p.equals("/") ? "/lra-coordinator" : p;
        this.ids = ids;
        if (serviceName == null || serviceName.isBlank()) {
            throw new IllegalArgumentException("A Stork coordinator URL is stork://<service>/<path>, got " + url);
        }
    }

    String serviceName() {
        return serviceName;
    }

    private Service service() {
        try {
            return Stork.getInstance().getService(serviceName);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("quarkus.lra.coordinator-url names the Stork service " + serviceName
                    + ", which is not configured: set quarkus.stork." + serviceName + ".service-discovery.type (and its"
                    + " options)", e);
        }
    }

    private Uni<List<Discovered>> discover() {
        Service service = service();
        return service.getInstances().map(instances -> {
            List<Discovered> found = new ArrayList<>(instances.size());
            for (ServiceInstance i : instances) {
                String base = (i.isSecure() ? "https://" : "http://") + i.getHost() + ":" + i.getPort() + path;
                found.add(new Discovered(ids.discover(base), i));
            }
            last = List.copyOf(found);
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
            ServiceInstance chosen = service().selectInstanceAndRecordStart(instances, true);
            List<URI> order = new ArrayList<>(found.size());
            for (Discovered d : found) {
                if (d.instance() == chosen) {
                    order.add(0, d.url());
                } else {
                    order.add(d.url());
                }
            }
            return order;
        }).subscribeAsCompletionStage();
    }

    @Override
    public CompletionStage<List<URI>> all() {
        return discover().map(found -> found.stream().map(Discovered::url).toList()).subscribeAsCompletionStage();
    }

    @Override
    public void started(URI coordinator, Throwable failure) {
        for (Discovered d : last) {
            if (d.url().equals(coordinator)) {
                if (d.instance().gatherStatistics()) {
                    d.instance().recordReply();
                    d.instance().recordEnd(failure);
                }
                return;
            }
        }
    }
}
