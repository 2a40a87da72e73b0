package dev.latchkey.domain.requestlog;

import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.ApiTokenId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One call made with a token, as the "Logs" tab shows it. Free-text fields are bounded so that a
 * hostile client cannot bloat the log.
 */
public record RequestLogEntry(
    TenantId tenantId,
    Actor principal,
    ApiTokenId tokenId,
    Instant time,
    String method,
    String statusCode,
    Duration duration,
    String peer,
    String userAgent) {

  public static final int MAX_TEXT = 256;

  public RequestLogEntry {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(statusCode, "statusCode");
    Objects.requireNonNull(duration, "duration");
    if (principal instanceof Actor.Operator) {
      throw new IllegalArgumentException("the operator's calls are not in tenants' request logs");
    }
    method = bounded(method);
    peer = bounded(peer);
    userAgent = bounded(userAgent);
  }

  /** {@code text} cut to {@link #MAX_TEXT} characters, with control characters replaced. */
  private static String bounded(String text) {
    if (text == null) {
      return "";
    }
    String cut = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
    StringBuilder clean = new StringBuilder(cut.length());
    cut.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return clean.toString();
  }

  public String tokenName() {
    return principal.resourceName() + "/tokens/" + tokenId;
  }
}
