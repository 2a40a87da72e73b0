package dev.latchkey.app.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.latchkey.application.port.out.WebhookSender;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdkWebhookSenderTest {
  private HttpServer receiver;
  private final List<String> hosts = new CopyOnWriteArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();

  @BeforeEach
  void startReceiver() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/", exchange -> {
      requests.incrementAndGet();
      hosts.add(exchange.getRequestHeaders().getFirst("Host"));
      exchange.getRequestBody().readAllBytes();
      if (exchange.getRequestURI().getPath().equals("/redirect")) {
        exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
        exchange.sendResponseHeaders(302, -1);
      } else {
        byte[] body = "ok thanks".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      }
      exchange.close();
    });
    receiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
  }

  private URI url(String host, String path) {
    return URI.create("http://" + host + ":" + receiver.getAddress().getPort() + path);
  }

  private static WebhookSender.Request post(URI url) {
    return new WebhookSender.Request(url, List.of(Map.entry("content-type", "application/json")), "{}");
  }

  @Test
  void aHostThatResolvesToLoopbackAtDeliveryIsRefusedWithoutAConnection() {
    // Public when the webhook was saved, loopback now: only the address at delivery counts.
    JdkWebhookSender sender = new JdkWebhookSender(false,
        host -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})}, Duration.ofSeconds(5));

    WebhookSender.Result result = sender.send(post(url("rebind.example.com", "/")));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.error()).contains("rebind.example.com resolves to 127.0.0.1", "loopback");
    assertThat(requests).hasValue(0);
  }

  @Test
  void aNameThatAlsoResolvesToAPrivateAddressIsRefusedEvenIfAnotherIsPublic() {
    JdkWebhookSender sender = new JdkWebhookSender(false, host -> new InetAddress[] {
        InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 216, 34}),
        InetAddress.getByAddress(host, new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254})},
        Duration.ofSeconds(5));

    assertThat(sender.send(post(url("mixed.example.com", "/"))).error()).contains("169.254.169.254", "link-local");
  }

  @Test
  void theHostIsResolvedOnceAndTheCheckedAddressIsTheOneConnectedTo() {
    // The second answer would point elsewhere; the sender must not ask again.
    AtomicInteger lookups = new AtomicInteger();
    JdkWebhookSender sender = new JdkWebhookSender(true, host -> new InetAddress[] {lookups.getAndIncrement() == 0
        ? InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})
        : InetAddress.getByAddress(host, new byte[] {10, (byte) 255, (byte) 255, 1})}, Duration.ofSeconds(5));

    WebhookSender.Result result = sender.send(post(url("hooks.example.com", "/in")));

    assertThat(result.succeeded()).as(result.error()).isTrue();
    assertThat(result.status()).contains(200);
    assertThat(result.responseStart()).isEqualTo("ok thanks");
    assertThat(lookups).hasValue(1);
    assertThat(hosts).containsExactly("hooks.example.com:" + receiver.getAddress().getPort());
  }

  @Test
  void redirectsAreNotFollowed() {
    JdkWebhookSender sender = new JdkWebhookSender(true, InetAddress::getAllByName, Duration.ofSeconds(5));

    WebhookSender.Result result = sender.send(post(url("127.0.0.1", "/redirect")));

    assertThat(result.status()).contains(302);
    assertThat(result.error()).contains("HTTP 302");
    assertThat(requests).hasValue(1);
  }

  @Test
  void aKeptAliveConnectionTheReceiverClosesUnderARequestIsReplacedNotAFailedAttempt() throws Exception {
    // A receiver that answers the first request of each connection with keep-alive and closes the
    // connection when the next request arrives, without an answer: what a receiver whose idle
    // timeout runs out just as the client reuses the connection does. The client must send the
    // delivery again on a new connection instead of failing the attempt (the receiver saw it once,
    // dropped: at least once either way).
    List<String> requests = new CopyOnWriteArrayList<>();
    try (java.net.ServerSocket closing = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual().start(() -> {
        int connection = 0;
        while (!closing.isClosed()) {
          try (java.net.Socket socket = closing.accept()) {
            connection++;
            readRequest(socket.getInputStream());
            requests.add(connection + ": answered");
            socket.getOutputStream().write("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n"
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            readRequest(socket.getInputStream());
            requests.add(connection + ": dropped");
          } catch (IOException e) {
            // the client closed the connection, or the test is over
          }
        }
      });
      JdkWebhookSender sender = new JdkWebhookSender(true, InetAddress::getAllByName, Duration.ofSeconds(5));
      URI url = URI.create("http://127.0.0.1:" + closing.getLocalPort() + "/in");

      WebhookSender.Result first = sender.send(post(url));
      WebhookSender.Result second = sender.send(post(url));

      assertThat(first.succeeded()).as(first.error()).isTrue();
      assertThat(second.succeeded()).as(second.error()).isTrue();
      assertThat(requests).containsExactly("1: answered", "1: dropped", "2: answered");
    }
  }

  /** Reads one request's head and its body of Content-Length bytes. */
  private static void readRequest(java.io.InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed mid-request");
      }
      head.append((char) b);
    }
    java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
    in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0);
  }

  @Test
  void anUnresolvableHostFailsWithAClearError() {
    JdkWebhookSender sender = new JdkWebhookSender(false, host -> {
      throw new java.net.UnknownHostException(host);
    }, Duration.ofSeconds(5));

    assertThat(sender.send(post(url("nowhere.invalid", "/"))).error()).isEqualTo("could not resolve nowhere.invalid");
  }
}
