package dev.latchkey.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.app.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsCertificateTest {
  @TempDir
  Path dir;

  @Test
  void aRenewedCertificateIsServedWithoutARestart() throws Exception {
    TestCertificates.Pair first = TestCertificates.selfSigned(dir, "first");
    TestCertificates.Pair second = TestCertificates.selfSigned(dir, "second");
    Path cert = Files.copy(first.cert(), dir.resolve("served.crt"));
    Path key = Files.copy(first.key(), dir.resolve("served.key"));

    try (TlsCertificate certificate = TlsCertificate.load(cert, key, Duration.ofMillis(100))) {
      assertThat(certificate.current().getSubjectX500Principal().getName()).isEqualTo("CN=first");

      Files.copy(second.key(), key, StandardCopyOption.REPLACE_EXISTING);
      Files.copy(second.cert(), cert, StandardCopyOption.REPLACE_EXISTING);

      Instant giveUp = Instant.now().plusSeconds(30);
      while (!certificate.current().getSubjectX500Principal().getName().equals("CN=second")
          && Instant.now().isBefore(giveUp)) {
        Thread.sleep(50);
      }
      assertThat(certificate.current().getSubjectX500Principal().getName()).isEqualTo("CN=second");
    }
  }

  @Test
  void aMissingOrMalformedCertificateIsRejectedInOneLine() throws Exception {
    TestCertificates.Pair pair = TestCertificates.selfSigned(dir, "server");
    Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a certificate\n");

    assertThatThrownBy(() -> TlsCertificate.load(dir.resolve("absent.crt"), pair.key(), Duration.ofMinutes(1)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("cannot use --tls-cert " + dir.resolve("absent.crt") + " with --tls-key " + pair.key())
        .hasMessageNotContaining("\n");
    assertThatThrownBy(() -> TlsCertificate.load(garbage, pair.key(), Duration.ofMinutes(1)))
        .isInstanceOf(ConfigException.class)
        .hasMessageNotContaining("\n");
    assertThatThrownBy(() -> TlsCertificate.load(pair.cert(), garbage, Duration.ofMinutes(1)))
        .isInstanceOf(ConfigException.class)
        .hasMessageNotContaining("\n");
  }

  @Test
  void aKeyOfAnotherCertificateIsRejected() throws Exception {
    TestCertificates.Pair first = TestCertificates.selfSigned(dir, "first");
    TestCertificates.Pair second = TestCertificates.selfSigned(dir, "second");

    assertThatThrownBy(() -> TlsCertificate.load(first.cert(), second.key(), Duration.ofMinutes(1)))
        .isInstanceOf(ConfigException.class)
        .hasMessageEndingWith(": the key does not belong to the certificate");
  }

  @Test
  void halfARenewalKeepsThePreviousPairInUse() throws Exception {
    TestCertificates.Pair first = TestCertificates.selfSigned(dir, "first");
    TestCertificates.Pair second = TestCertificates.selfSigned(dir, "second");
    Path cert = Files.copy(first.cert(), dir.resolve("served.crt"));
    Path key = Files.copy(first.key(), dir.resolve("served.key"));

    try (TlsCertificate certificate = TlsCertificate.load(cert, key, Duration.ofHours(1))) {
      Files.copy(second.cert(), cert, StandardCopyOption.REPLACE_EXISTING);
      certificate.reloadIfChanged();

      assertThat(certificate.current().getSubjectX500Principal().getName()).isEqualTo("CN=first");

      Files.copy(second.key(), key, StandardCopyOption.REPLACE_EXISTING);
      certificate.reloadIfChanged();

      assertThat(certificate.current().getSubjectX500Principal().getName()).isEqualTo("CN=second");
    }
  }
}
