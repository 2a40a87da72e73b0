package dev.latchkey.app.server;

import dev.latchkey.app.config.ConfigException;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.util.AdvancedTlsX509KeyManager;
import io.grpc.util.CertificateUtils;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's TLS certificate and key, read from PEM files and read again when they change
 * (checked every {@link #RELOAD_CHECK}), so that a renewed certificate needs no restart. A new pair
 * is taken only once the key matches the certificate: while one file of a renewal is written and
 * the other not yet, the previous pair stays in use.
 */
final class TlsCertificate implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TlsCertificate.class);

  static final Duration RELOAD_CHECK = Duration.ofMinutes(1);

  private final Path cert;
  private final Path key;
  private final AdvancedTlsX509KeyManager keyManager = new AdvancedTlsX509KeyManager();
  private final ScheduledExecutorService reloader =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("tls-reload").factory());
  // Both set by reload(), which load() runs before the instance escapes.
  @SuppressWarnings("NullAway.Init")
  private volatile X509Certificate current;
  @SuppressWarnings("NullAway.Init")
  private List<FileTime> loadedVersion;

  private TlsCertificate(Path cert, Path key) {
    this.cert = cert;
    this.key = key;
  }

  /**
   * Reads {@code cert} and {@code key} now, and again whenever they change, checking every
   * {@code reloadCheck}.
   *
   * @throws ConfigException in one line if they cannot be read, do not parse, or do not match
   */
  static TlsCertificate load(Path cert, Path key, Duration reloadCheck) {
    TlsCertificate certificate = new TlsCertificate(cert, key);
    try {
      certificate.reload();
    } catch (IOException | GeneralSecurityException e) {
      certificate.close();
      throw new ConfigException("cannot use --tls-cert " + cert + " with --tls-key " + key + ": " + reason(e), e);
    }
    // Failures are logged by reloadIfChanged itself; the future is only for cancelling, which close() does.
    var _ = certificate.reloader.scheduleWithFixedDelay(
        certificate::reloadIfChanged, reloadCheck.toMillis(), reloadCheck.toMillis(), TimeUnit.MILLISECONDS);
    return certificate;
  }

  ServerCredentials credentials() {
    return TlsServerCredentials.newBuilder().keyManager(keyManager).build();
  }

  /** The certificate served right now (the first of the chain). */
  X509Certificate current() {
    return current;
  }

  /** What the periodic check runs: reads the files again if either changed since the last load. */
  void reloadIfChanged() {
    try {
      if (!version().equals(loadedVersion)) {
        reload();
        log.info("TLS certificate reloaded from {} ({})", cert, current.getSubjectX500Principal().getName());
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      log.warn("cannot reload the TLS certificate from {} and {}; still serving the previous one: {}",
          cert, key, reason(e));
    }
  }

  private void reload() throws IOException, GeneralSecurityException {
    List<FileTime> version = version();
    X509Certificate[] chain;
    PrivateKey privateKey;
    try (InputStream in = Files.newInputStream(cert)) {
      chain = CertificateUtils.getX509Certificates(in);
    }
    try (InputStream in = Files.newInputStream(key)) {
      privateKey = CertificateUtils.getPrivateKey(in);
    }
    if (chain.length == 0) {
      throw new GeneralSecurityException("no certificate in " + cert);
    }
    checkKeyMatches(chain[0], privateKey);
    keyManager.updateIdentityCredentials(chain, privateKey);
    current = chain[0];
    loadedVersion = version;
  }

  private List<FileTime> version() throws IOException {
    return List.of(Files.getLastModifiedTime(cert), Files.getLastModifiedTime(key));
  }

  /** Signs with the key and verifies with the certificate: they belong together or this throws. */
  private static void checkKeyMatches(X509Certificate certificate, PrivateKey privateKey)
      throws GeneralSecurityException {
    String algorithm = switch (privateKey.getAlgorithm()) {
      case "EC" -> "SHA256withECDSA";
      case "RSA" -> "SHA256withRSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default -> throw new GeneralSecurityException("unsupported key algorithm " + privateKey.getAlgorithm());
    };
    byte[] probe = "latchkey".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    Signature signer = Signature.getInstance(algorithm);
    signer.initSign(privateKey);
    signer.update(probe);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance(algorithm);
    verifier.initVerify(certificate.getPublicKey());
    verifier.update(probe);
    if (!verifier.verify(signature)) {
      throw new GeneralSecurityException("the key does not belong to the certificate");
    }
  }

  private static String reason(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  @Override
  public void close() {
    reloader.shutdownNow();
  }
}
