package org.lraext.quarkus.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.lraext.lra.coordinator.CoordinatorClient;
import org.lraext.quarkus.runtime.LraJournal;
import org.lraext.quarkus.runtime.internal.JournalHandler;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.arc.InstanceHandle;
import io.vertx.core.json.JsonObject;

/**
 * What the application under test knows of its LRAs: its coordinator and its journal. Read in the test's own JVM
 * ({@code @QuarkusTest}), or over HTTP from a packaged or native application ({@code @QuarkusIntegrationTest}, which
 * serves it at {@code /q/lra/journal} with {@link LraTestResource}).
 */
interface ApplicationView {

    /** The coordinator the application starts LRAs on. */
    String coordinatorUrl();

    /** The application's journal of one LRA, in order. */
    List<LraJournal.Event> events(String lra);

    /** The application under test: the one running in this JVM, else the one {@code @QuarkusIntegrationTest} runs. */
    static ApplicationView current() {
        ArcContainer container = Arc.container();
        if (container != null && container.isRunning()) {
            return new InProcess(container);
        }
        return Remote.fromTestConfig();
    }

    /** The application runs in this JVM. */
    final class InProcess implements ApplicationView {
        private final ArcContainer container;

        InProcess(ArcContainer container) {
            this.container = container;
        }

        @Override
        public String coordinatorUrl() {
            return bean(CoordinatorClient.class).ids().primary().toString();
        }

        @Override
        public List<LraJournal.Event> events(String lra) {
            LraJournal journal = bean(LraJournal.class);
            if (!journal.enabled()) {
                throw new IllegalStateException("The LRA journal is off: it is kept in dev and test mode, or with "
                        + "quarkus.lra.journal.enabled=true");
            }
            return journal.events(lra);
        }

        private <T> T bean(Class<T> type) {
            try (InstanceHandle<T> handle = container.instance(type)) {
                if (!handle.isAvailable()) {
                    throw new IllegalStateException("The application under test does not use the quarkus-lra extension ("
                            + type.getSimpleName() + " is missing)");
                }
                return handle.get();
            }
        }
    }

    /** A packaged or native application, read over HTTP. */
    final class Remote implements ApplicationView {
        private final String journalUrl;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        Remote(String journalUrl) {
            this.journalUrl = journalUrl;
        }

        /** From the settings {@code @QuarkusIntegrationTest} gives the test JVM ({@code test.url}). */
        static Remote fromTestConfig() {
            Config config = ConfigProvider.getConfig();
            String base = config.getOptionalValue("test.url", String.class).orElseGet(() -> "http://"
                    + config.getOptionalValue("quarkus.http.test-host", String.class).orElse("localhost") + ":"
                    + config.getOptionalValue("quarkus.http.test-port", Integer.class).orElse(8081));
            String root = config.getOptionalValue("quarkus.http.non-application-root-path", String.class).orElse("q");
            URI app = URI.create(base.endsWith("/") ? base : base + "/");
            String path = (root.startsWith("/") ? root : app.getPath() + root) + "/" + JournalHandler.PATH;
            return new Remote(app.resolve(path.replaceAll("/+", "/")).toString());
        }

        @Override
        public String coordinatorUrl() {
            String url = get(journalUrl).getString("coordinator");
            if (url == null) {
                throw new IllegalStateException("The application at " + journalUrl + " names no LRA coordinator");
            }
            return url;
        }

        @Override
        public List<LraJournal.Event> events(String lra) {
            List<LraJournal.Event> events = new ArrayList<>();
            for (Object o : get(journalUrl + "?lra=" + URLEncoder.encode(lra, StandardCharsets.UTF_8))
                    .getJsonArray("events")) {
                JsonObject e = (JsonObject) o;
                events.add(new LraJournal.Event(e.getLong("sequence"), LraJournal.Kind.valueOf(e.getString("kind")),
                        e.getString("participant"), e.getString("callback"), e.getInteger("status"),
                        e.getString("detail"), e.getLong("durationNanos")));
            }
            return events;
        }

        private JsonObject get(String url) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("The application's LRA journal at " + url + " answered "
                            + r.statusCode() + " (" + r.body() + "); under @QuarkusIntegrationTest add"
                            + " @QuarkusTestResource(LraTestResource.class)");
                }
                return new JsonObject(r.body());
            } catch (java.io.IOException e) {
                throw new IllegalStateException("The application's LRA journal at " + url + " could not be read: "
                        + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while reading the application's LRA journal", e);
            }
        }
    }
}
