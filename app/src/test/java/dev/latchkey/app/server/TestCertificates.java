package dev.latchkey.app.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Self-signed certificates for {@code localhost} and {@code 127.0.0.1}, made with openssl. */
public final class TestCertificates {
  private TestCertificates() {}

  /** A certificate and its key. */
  public record Pair(Path cert, Path key) {}

  /** Writes {@code <name>.crt} and {@code <name>.key} (PEM, PKCS #8) into {@code dir}. */
  public static Pair selfSigned(Path dir, String name) throws IOException, InterruptedException {
    Path cert = dir.resolve(name + ".crt");
    Path key = dir.resolve(name + ".key");
    List<String> command = List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
        "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj", "/CN=" + name,
        "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key.toString(), "-out", cert.toString());
    Process openssl;
    try {
      openssl = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      assumeTrue(false, "needs openssl on the PATH to make test certificates");
      throw e;
    }
    String output = new String(openssl.getInputStream().readAllBytes());
    if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0 || !Files.exists(cert)) {
      throw new IOException("openssl failed: " + output);
    }
    return new Pair(cert, key);
  }
}
