package org.lraext.quarkus.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

import org.lraext.quarkus.runtime.LraConfig;
import org.lraext.quarkus.runtime.LraConfigKeys;

import io.quarkus.bootstrap.resolver.maven.BootstrapMavenException;
import io.quarkus.bootstrap.resolver.maven.MavenArtifactResolver;
import io.quarkus.deployment.IsDevServicesSupportedByLaunchMode;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.builditem.DevServicesResultBuildItem;
import io.quarkus.deployment.builditem.LaunchModeBuildItem;
import io.quarkus.deployment.dev.devservices.DevServicesConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Dev Services for LRA: a real Narayana coordinator for dev and test mode, without containers.
 */
@BuildSteps(onlyIf = { IsDevServicesSupportedByLaunchMode.class, DevServicesConfig.Enabled.class })
class LraDevServicesProcessor {

    static final int DEV_PORT = 50001;
    private static final String COORDINATOR_URL = LraConfigKeys.COORDINATOR_URL;
    /** With {@code quarkus.lra.devservices.jwt}: a file holding a token with the {@code lra-admin} role. */
    static final String ADMIN_TOKEN_FILE = "lra-devservices.admin-token-file";
    /** With {@code quarkus.lra.devservices.jwt}: the public key that verifies the dev tokens (PEM). */
    static final String JWT_PUBLIC_KEY = "lra-devservices.jwt-public-key";

    @BuildStep
    DevServicesResultBuildItem coordinator(LraBuildTimeConfig config, LaunchModeBuildItem launchMode) {
        LraBuildTimeConfig.DevServices dev = config.devservices();
        if (!dev.enabled() || ConfigUtils.isPropertyNonEmpty(COORDINATOR_URL)) {
            return null;
        }
        boolean devMode = launchMode.getLaunchMode() == LaunchMode.DEVELOPMENT;
        boolean secured = dev.tls() || dev.jwt();
        // (a secured coordinator is the application's own: its keys are made for it, so it is not shared)
        int port = dev.port().orElse(devMode && !secured ? DEV_PORT : 0);
        boolean shared = !secured && (devMode || dev.port().isPresent());
        Path jar = coordinatorJar(dev);
        List<String> options = dev.javaOptions().orElse(List.of());
        String key = jar + "|" + port + "|" + shared + "|" + options + "|" + dev.startTimeout() + "|tls=" + dev.tls()
                + "|jwt=" + dev.jwt();
        return DevServicesResultBuildItem.owned()
                .feature(LraProcessor.FEATURE)
                .serviceName("lra-coordinator")
                .description("Narayana LRA coordinator")
                .serviceConfig(key)
                .startable(() -> new CoordinatorProcess(jar, port, shared, options, dev.startTimeout(),
                        secured ? new DevSecurity(dev.tls(), dev.jwt()) : null))
                .configProvider(config(dev))
                .build();
    }

    /** What the application is told: the coordinator's URL, and how to trust it and authenticate to it. */
    private static Map<String, Function<CoordinatorProcess, String>> config(LraBuildTimeConfig.DevServices dev) {
        Map<String, Function<CoordinatorProcess, String>> config = new HashMap<>();
        config.put(COORDINATOR_URL, CoordinatorProcess::url);
        if (dev.tls()) {
            config.put(LraConfigKeys.COORDINATOR_TLS, p -> DevSecurity.TLS_CONFIGURATION);
            config.put("quarkus.tls." + DevSecurity.TLS_CONFIGURATION + ".trust-store.pem.certs",
                    p -> p.security().trustedCertificate().toString());
        }
        if (dev.jwt()) {
            config.put(LraConfigKeys.COORDINATOR_TOKEN_FILE, p -> p.security().participantToken().toString());
            config.put(ADMIN_TOKEN_FILE, p -> p.security().adminToken().toString());
            config.put(JWT_PUBLIC_KEY, p -> p.security().publicKey().toString());
        }
        return config;
    }

    private static Path coordinatorJar(LraBuildTimeConfig.DevServices dev) {
        if (dev.coordinatorJar().isPresent()) {
            Path jar = Path.of(dev.coordinatorJar().get());
            if (!Files.isRegularFile(jar)) {
                throw new ConfigurationException(LraConfigKeys.DEVSERVICES_COORDINATOR_JAR + ": no such file " + jar
                        + "; build the coordinator (./mvnw -pl coordinator package) or remove the property");
            }
            return jar;
        }
        String version = version();
        try {
            return MavenArtifactResolver.builder().setWorkspaceDiscovery(false).build()
                    .resolve(new org.eclipse.aether.artifact.DefaultArtifact("org.lraext", "lra-coordinator", "runner",
                            "jar", version))
                    .getArtifact().getFile().toPath();
        } catch (BootstrapMavenException | RuntimeException e) {
            throw new IllegalStateException("Dev Services for LRA could not resolve org.lraext:lra-coordinator:" + version
                    + ":jar:runner (" + e.getMessage() + "). Install it (./mvnw install), point "
                    + LraConfigKeys.DEVSERVICES_COORDINATOR_JAR + " at a coordinator jar, or set " + COORDINATOR_URL
                    + " (default " + LraConfig.DEFAULT_COORDINATOR_URL + ")", e);
        }
    }

    private static String version() {
        try (InputStream in = LraDevServicesProcessor.class.getResourceAsStream("lra-version.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("lra-version.properties is missing from the deployment jar", e));
        }
    }
}
