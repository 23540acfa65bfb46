// Makes what benchmark/run.sh --secure needs, with the JDK only (keytool and java.security), in the folder given:
// a certificate authority; certificates it signs for localhost (server.p12: the services and the coordinator) and for
// the participant role (lra-participant.p12, CN=lra-participant); a trust store of the authority (trust.p12); an RSA
// key pair for JWTs (jwt-public.pem) and tokens signed with it, valid for a day: participant.token (groups
// lra-participant), coordinator.token (lra-coordinator) and admin.token (lra-admin). Every store's password is
// bench-secret.
//
//   java benchmark/secure-keys.java <folder>

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

public class SecureKeys {

    static final String PASSWORD = "bench-secret";
    static Path dir;

    public static void main(String[] args) throws Exception {
        dir = Path.of(args[0]);
        Files.createDirectories(dir);
        keytool("-genkeypair", "-alias", "ca", "-dname", "CN=bench-ca", "-ext", "bc:c", "-keyalg", "RSA", "-keysize",
                "2048", "-validity", "2", "-keystore", store("ca"), "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", store("ca"), "-storepass", PASSWORD, "-file",
                dir.resolve("ca.crt").toString());
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", dir.resolve("ca.crt").toString(), "-keystore",
                store("trust"), "-storetype", "PKCS12", "-storepass", PASSWORD);
        issue("server", "localhost");
        issue("lra-participant", "lra-participant");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Files.writeString(dir.resolve("jwt-public.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        Files.writeString(dir.resolve("participant.token"), jwt(keys, "bench-participant", "lra-participant") + "\n");
        Files.writeString(dir.resolve("coordinator.token"), jwt(keys, "bench-coordinator", "lra-coordinator") + "\n");
        Files.writeString(dir.resolve("admin.token"), jwt(keys, "bench-admin", "lra-admin") + "\n");
    }

    static String store(String name) {
        return dir.resolve(name + ".p12").toString();
    }

    static void issue(String name, String cn) throws Exception {
        keytool("-genkeypair", "-alias", name, "-dname", "CN=" + cn, "-keyalg", "RSA", "-keysize", "2048", "-validity",
                "2", "-keystore", store(name), "-storetype", "PKCS12", "-storepass", PASSWORD);
        String csr = dir.resolve(name + ".csr").toString();
        String crt = dir.resolve(name + ".crt").toString();
        keytool("-certreq", "-alias", name, "-keystore", store(name), "-storepass", PASSWORD, "-file", csr);
        keytool("-gencert", "-alias", "ca", "-keystore", store("ca"), "-storepass", PASSWORD, "-infile", csr,
                "-outfile", crt, "-rfc", "-validity", "2", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-ext", "EKU=serverAuth,clientAuth");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", dir.resolve("ca.crt").toString(), "-keystore",
                store(name), "-storepass", PASSWORD);
        keytool("-importcert", "-alias", name, "-file", crt, "-keystore", store(name), "-storepass", PASSWORD);
    }

    static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + command + "\n" + out);
        }
    }

    /** An RS256 JWT: issuer lra-bench, valid for a day. */
    static String jwt(KeyPair keys, String subject, String role) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"iss\":\"lra-bench\",\"sub\":\"" + subject + "\",\"upn\":\"" + subject
                + "\",\"groups\":[\"" + role + "\"],\"iat\":" + now + ",\"exp\":" + (now + 86_400) + "}")
                .getBytes(StandardCharsets.UTF_8));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(keys.getPrivate());
        rs256.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + b64.encodeToString(rs256.sign());
    }
}
