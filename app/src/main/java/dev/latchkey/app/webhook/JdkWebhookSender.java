package dev.latchkey.app.webhook;

import dev.latchkey.application.port.out.WebhookSender;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers with the JDK {@link HttpClient}, which cannot be given a resolver of its own. So the host
 * is resolved here, once; every address it resolves to is checked ({@link TargetAddresses}); and the
 * request goes to the checked address itself (an IP-literal URL), with the {@code Host} header and,
 * for https, the TLS server name (SNI, against which the certificate is verified) set to the
 * original host. A name that resolves differently a moment later (DNS rebinding) therefore cannot
 * steer the connection elsewhere. Redirects are never followed; HTTP/1.1 only (the {@code Host}
 * header is the authority); one timeout bounds the whole attempt.
 */
public final class JdkWebhookSender implements WebhookSender {
  private static final Logger log = LoggerFactory.getLogger(JdkWebhookSender.class);
  /** How much of a response body the log keeps. */
  static final int RESPONSE_START_BYTES = 1024;
  private static final int MAX_TLS_CLIENTS = 256;

  static {
    // Both read once when the JDK's HTTP client loads. The Host header may then be set per request.
    System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    // A POST on a kept-alive connection that the receiver closed meanwhile (an idle timeout shorter
    // than the client's, five seconds in Node's server) fails before any answer; the client then
    // sends it once more on a new connection instead of failing the attempt and waiting for the
    // next retry. Delivery is at least once in any case (receivers deduplicate on webhook-id).
    System.setProperty("jdk.httpclient.enableAllMethodRetry", "true");
  }

  /** Resolves a host name to all its addresses; {@link InetAddress#getAllByName} in production. */
  @FunctionalInterface
  public interface Resolver {
    /**
     * Every address of {@code host}.
     *
     * @throws UnknownHostException if it has none
     */
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private final boolean allowPrivateTargets;
  private final Resolver resolver;
  private final Duration timeout;
  private final SSLContext tlsContext;
  private final HttpClient plain;
  /** One client per TLS server name: the JDK client takes SNI from its own parameters for IP-literal URLs. */
  private final Map<String, HttpClient> tls = new ConcurrentHashMap<>();

  public JdkWebhookSender(boolean allowPrivateTargets, Resolver resolver, Duration timeout) {
    this(allowPrivateTargets, resolver, timeout, defaultTls());
  }

  /** With {@code tls} for https receivers (the JVM's trusted certificates unless a test gives others). */
  JdkWebhookSender(boolean allowPrivateTargets, Resolver resolver, Duration timeout, SSLContext tls) {
    this.allowPrivateTargets = allowPrivateTargets;
    this.resolver = resolver;
    this.timeout = timeout;
    this.tlsContext = tls;
    this.plain = client(Optional.empty());
    try {
      HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).header("Host", "probe.invalid").build();
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("the JDK HTTP client was loaded before jdk.httpclient.allowRestrictedHeaders "
          + "could be set; webhooks cannot be delivered safely", e);
    }
  }

  @Override
  public Result send(Request request) {
    long start = System.nanoTime();
    URI url = request.url();
    String host = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1)
        : url.getHost();
    InetAddress address;
    try {
      address = checkedAddress(host);
    } catch (Refused e) {
      return failure(start, e.reason);
    }
    boolean https = url.getScheme().equalsIgnoreCase("https");
    int port = url.getPort() == -1 ? (https ? 443 : 80) : url.getPort();
    URI target;
    try {
      String literal = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
      target = new URI(https ? "https" : "http", null, literal.contains("%") ? literal.replace("%", "%25") : literal,
          port, null, null, null).resolve(url.getRawPath().isEmpty() ? "/" : url.getRawPath()
          + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      return failure(start, "cannot address " + address.getHostAddress());
    }
    String authority = url.getPort() == -1 ? url.getHost() : url.getHost() + ":" + url.getPort();
    HttpRequest.Builder builder = HttpRequest.newBuilder(target)
        .timeout(timeout)
        .header("Host", authority)
        .header("User-Agent", "Latchkey-Webhooks/1")
        .POST(HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
    for (Map.Entry<String, String> header : request.headers()) {
      builder.header(header.getKey(), header.getValue());
    }
    HttpClient client = https ? tlsClient(host) : plain;
    try {
      HttpResponse<InputStream> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
      String body;
      try (InputStream in = response.body()) {
        body = text(in.readNBytes(RESPONSE_START_BYTES));
      }
      Duration latency = Duration.ofNanos(System.nanoTime() - start);
      int status = response.statusCode();
      String error = status >= 200 && status < 300 ? "" : "the receiver answered HTTP " + status;
      return new Result(Optional.of(status), latency, body, error);
    } catch (HttpConnectTimeoutException e) {
      return failure(start, "could not connect to " + address.getHostAddress() + " port " + port + " within "
          + timeout.toSeconds() + " s");
    } catch (HttpTimeoutException e) {
      return failure(start, "no answer within " + timeout.toSeconds() + " s");
    } catch (ConnectException e) {
      return failure(start, "could not connect to " + address.getHostAddress() + " port " + port);
    } catch (SSLException e) {
      return failure(start, "TLS failed: " + tlsFailure(e, host));
    } catch (IOException e) {
      return failure(start, "the request failed: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failure(start, "interrupted while delivering");
    } catch (IllegalArgumentException e) {
      // A header the JDK refuses (the domain allows fewer names than HTTP does); never echo its value.
      return failure(start, "the request could not be built: a header name or value is not allowed");
    }
  }

  /** A refusal, safe to show to the account holder. */
  private static final class Refused extends Exception {
    final String reason;

    Refused(String reason) {
      super(reason, null, false, false);
      this.reason = reason;
    }
  }

  private InetAddress checkedAddress(String host) throws Refused {
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException e) {
      throw new Refused("could not resolve " + host);
    }
    if (addresses.length == 0) {
      throw new Refused("could not resolve " + host);
    }
    if (!allowPrivateTargets) {
      // Every address must be public, not just the one picked: no answer may point inside.
      for (InetAddress address : addresses) {
        Optional<String> refusal = TargetAddresses.refusal(address);
        if (refusal.isPresent()) {
          throw new Refused("refused: " + host + " resolves to " + address.getHostAddress() + ", "
              + refusal.get() + "; webhooks are delivered to public addresses only");
        }
      }
    }
    return addresses[0];
  }

  private HttpClient tlsClient(String host) {
    if (tls.size() >= MAX_TLS_CLIENTS) {
      tls.clear();
    }
    return tls.computeIfAbsent(host.toLowerCase(Locale.ROOT), h -> client(Optional.of(h)));
  }

  private HttpClient client(Optional<String> serverName) {
    HttpClient.Builder builder = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(timeout)
        .proxy(java.net.ProxySelector.of(null))
        .sslContext(tlsContext);
    serverName.ifPresent(name -> {
      SSLParameters parameters = new SSLParameters();
      try {
        parameters.setServerNames(List.of(new SNIHostName(name)));
      } catch (IllegalArgumentException e) {
        log.debug("no SNI for {}", name);
      }
      builder.sslParameters(parameters);
    });
    return builder.build();
  }

  /**
   * Why the handshake failed. A certificate that does not name the host is said so: the JDK, having
   * checked the host name (sent as SNI), also tries the address connected to and reports only that.
   */
  private static String tlsFailure(SSLException e, String host) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.security.cert.CertificateException && t.getMessage() != null
          && (t.getMessage().startsWith("No subject alternative") || t.getMessage().startsWith("No name matching"))) {
        return "the receiver's certificate is not valid for " + host;
      }
    }
    return java.util.Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
  }

  private static SSLContext defaultTls() {
    try {
      return SSLContext.getDefault();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("no default TLS context", e);
    }
  }

  private static String text(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    StringBuilder clean = new StringBuilder(text.length());
    text.codePoints().forEach(c -> clean.appendCodePoint(
        c == '\n' || c == '\t' || (!Character.isISOControl(c) && c != 0xfffd) ? c : ' '));
    return clean.toString();
  }

  private Result failure(long start, String error) {
    return new Result(Optional.empty(), Duration.ofNanos(System.nanoTime() - start), "", error);
  }
}
