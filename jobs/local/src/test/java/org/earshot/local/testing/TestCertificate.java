package org.earshot.local.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.earshot.local.clickhouse.http.FrontOptions;

/**
 * A self-signed certificate for 127.0.0.1 and localhost, made by the JDK's own {@code keytool}:
 * the key store a TLS server serves with, and the certificate as PEM for clients to trust.
 *
 * @param keyStore PKCS#12, the private key and the certificate
 * @param password the key store's password
 * @param certificate the certificate alone, PEM
 */
public record TestCertificate(Path keyStore, String password, Path certificate) {
    /** Makes a new key and certificate in {@code dir}. */
    public static TestCertificate create(Path dir) throws IOException, InterruptedException {
        TestCertificate made = new TestCertificate(dir.resolve("server.p12"), "test-key-store-password", dir.resolve("server.pem"));
        made.keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "7",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-keystore", made.keyStore.toString(),
                "-storetype", "PKCS12", "-storepass", made.password, "-keypass", made.password);
        made.keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", made.keyStore.toString(), "-storepass", made.password,
                "-file", made.certificate.toString());
        return made;
    }

    public FrontOptions.Tls tls() {
        return new FrontOptions.Tls(keyStore, password);
    }

    private void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
