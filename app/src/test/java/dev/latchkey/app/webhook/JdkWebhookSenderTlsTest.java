package dev.latchkey.app.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.latchkey.application.port.out.WebhookSender;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery to a real TLS receiver. The sender connects to the checked address (an IP-literal URL)
 * and must still present the URL's host name (SNI) and verify the receiver's certificate against
 * it, never against the address: a receiver whose certificate names another host is not delivered
 * to. The receiver is a JDK {@code HttpsServer} on loopback with a certificate made by the JDK's
 * keytool for {@code receiver.test} only.
 */
class JdkWebhookSenderTlsTest {
  private static final char[] PASSWORD = "test-only".toCharArray();

  @TempDir static Path dir;
  private static HttpsServer receiver;
  private static SSLContext trustingTheReceiver;
  private static final List<String> hosts = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startReceiver() throws Exception {
    KeyStore keys = keyStoreFor("receiver.test");
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, PASSWORD);
    SSLContext server = SSLContext.getInstance("TLS");
    server.init(keyManagers.getKeyManagers(), null, null);
    // The client trusts this one self-signed certificate and nothing else.
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(keys);
    trustingTheReceiver = SSLContext.getInstance("TLS");
    trustingTheReceiver.init(null, trust.getTrustManagers(), null);

    receiver = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.setHttpsConfigurator(new HttpsConfigurator(server));
    receiver.createContext("/", exchange -> {
      hosts.add(exchange.getRequestHeaders().getFirst("Host"));
      exchange.getRequestBody().readAllBytes();
      byte[] body = "over tls".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    receiver.start();
  }

  @AfterAll
  static void stopReceiver() {
    receiver.stop(0);
  }

  @Test
  void anHttpsReceiverGetsTheEventWithItsHostNameThoughTheAddressIsConnectedTo() {
    hosts.clear();
    WebhookSender.Result result = sender(trustingTheReceiver).send(post("receiver.test"));

    assertThat(result.succeeded()).as(result.error()).isTrue();
    assertThat(result.status()).contains(200);
    assertThat(result.responseStart()).isEqualTo("over tls");
    assertThat(hosts).containsExactly("receiver.test:" + receiver.getAddress().getPort());
  }

  @Test
  void aCertificateForAnotherHostIsRefusedBeforeAnythingIsSent() {
    hosts.clear();
    // other.test resolves to the same receiver, whose certificate names receiver.test only (and not
    // the address connected to either).
    WebhookSender.Result result = sender(trustingTheReceiver).send(post("other.test"));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.status()).isEmpty();
    assertThat(result.error()).isEqualTo("TLS failed: the receiver's certificate is not valid for other.test");
    assertThat(hosts).isEmpty();
  }

  @Test
  void aCertificateTheJvmDoesNotTrustIsRefused() {
    hosts.clear();
    WebhookSender.Result result = new JdkWebhookSender(true, JdkWebhookSenderTlsTest::loopback, Duration.ofSeconds(5))
        .send(post("receiver.test"));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.error()).startsWith("TLS failed").doesNotContain("receiver.test");
    assertThat(hosts).isEmpty();
  }

  private static JdkWebhookSender sender(SSLContext tls) {
    return new JdkWebhookSender(true, JdkWebhookSenderTlsTest::loopback, Duration.ofSeconds(5), tls);
  }

  private static InetAddress[] loopback(String host) throws java.net.UnknownHostException {
    return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
  }

  private static WebhookSender.Request post(String host) {
    return new WebhookSender.Request(URI.create("https://" + host + ":" + receiver.getAddress().getPort() + "/in"),
        List.of(Map.entry("content-type", "application/json")), "{}");
  }

  /** A key pair and a self-signed certificate for {@code host} (its only name), made by keytool. */
  private static KeyStore keyStoreFor(String host)
      throws IOException, InterruptedException, GeneralSecurityException {
    Path file = dir.resolve(host + ".p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "receiver", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + host,
        "-ext", "SAN=dns:" + host, "-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(),
        "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
        .redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as(output).isZero();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, PASSWORD);
    }
    return store;
  }
}
