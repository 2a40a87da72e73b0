package dev.latchkey.application.port.out;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Posts a delivery to a receiver: only to a public address unless configured otherwise (the address
 * actually connected to is checked, after resolving the host once), no redirects, a bounded time.
 * Never throws for what the network or the receiver does; that is the {@link Result}.
 */
public interface WebhookSender {
  /** What goes out: the URL, the headers in order, and the JSON body (sent as UTF-8). */
  record Request(URI url, List<Map.Entry<String, String>> headers, String body) {
    public Request {
      headers = List.copyOf(headers);
    }

    @Override
    public String toString() {
      return "Request[" + url + ", headers redacted]";
    }
  }

  /**
   * What happened.
   *
   * @param status the receiver's HTTP status, if it answered
   * @param responseStart the first bytes of its body, as text
   * @param error empty when the receiver answered 2xx; otherwise why not, safe to show the account holder
   */
  record Result(Optional<Integer> status, Duration latency, String responseStart, String error) {
    public boolean succeeded() {
      return error.isEmpty();
    }
  }

  Result send(Request request);
}
