package org.lraext.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.lra.tck.service.spi.LRARecoveryService;
import org.jboss.arquillian.container.test.spi.client.deployment.ApplicationArchiveProcessor;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.arquillian.test.spi.TestClass;
import org.jboss.arquillian.test.spi.event.suite.AfterSuite;
import org.jboss.arquillian.test.spi.event.suite.BeforeSuite;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Arquillian set-up for the TCK: the project's coordinator for the whole suite (on the port the surefire
 * configuration names), and the recovery SPI in every deployment.
 */
public class TckExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.service(ApplicationArchiveProcessor.class, AddRecoveryService.class);
        builder.observer(Coordinator.class);
    }

    public static class AddRecoveryService implements ApplicationArchiveProcessor {
        @Override
        public void process(Archive<?> archive, TestClass testClass) {
            if (archive instanceof WebArchive war) {
                war.addClass(CoordinatorRecovery.class);
                war.addAsServiceProvider(LRARecoveryService.class, CoordinatorRecovery.class);
            }
        }
    }

    public static class Coordinator {
        private Process process;

        public void start(@Observes(precedence = 100) BeforeSuite event) throws Exception {
            String port = System.getProperty("tck.coordinator.port");
            Path dir = Files.createDirectories(Path.of("target", "tck-coordinator"));
            process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dquarkus.http.port=" + port, "-Dquarkus.transaction-manager.object-store.directory="
                            + dir.toAbsolutePath().resolve("object-store"),
                    "-Dlra.coordinator.parent-pid=" + ProcessHandle.current().pid(),
                    // GET /recovery (the recovery SPI below) runs Narayana's two recovery passes, which wait 10 s
                    // between them by default: only waiting, the passes do the same with 1 s
                    "-DRecoveryEnvironmentBean.recoveryBackoffPeriod=1",
                    "-jar", System.getProperty("tck.coordinator.jar")))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("coordinator.log").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                try {
                    HttpURLConnection c = (HttpURLConnection) new URL("http://localhost:" + port + "/lra-coordinator/")
                            .openConnection();
                    if (c.getResponseCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    Thread.sleep(100);
                }
            }
            throw new UncheckedIOException(new IOException("The TCK's coordinator did not start; see " + dir));
        }

        public void stop(@Observes AfterSuite event) throws InterruptedException {
            if (process != null) {
                process.destroy();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
