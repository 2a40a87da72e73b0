package dev.latchkey.domain.requestlog;

import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.ApiTokenId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One call made with a token (or by the operator acting for a user: then {@code tokenId} is null
 * and {@code means} is the operator), as the "Logs" tab shows it. Free-text fields are bounded so
 * that a hostile client cannot bloat the log.
 */
public record RequestLogEntry(
    TenantId tenantId,
    Actor principal,
    @Nullable ApiTokenId tokenId,
    @Nullable Actor means,
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
    if ((tokenId == null) == (means == null)) {
      throw new IllegalArgumentException("an entry names either the token used or the operator acting");
    }
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
  private static String bounded(@Nullable String text) {
    if (text == null) {
      return "";
    }
    if (text.length() <= MAX_TEXT && text.chars().noneMatch(Character::isISOControl)) {
      return text; // the common case, on the hot path: nothing to copy
    }
    String cut = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
    StringBuilder clean = new StringBuilder(cut.length());
    cut.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return clean.toString();
  }

  /** Without a means: for calls made with the principal's own token. */
  public RequestLogEntry(TenantId tenantId, Actor principal, ApiTokenId tokenId, Instant time, String method,
      String statusCode, Duration duration, String peer, String userAgent) {
    this(tenantId, principal, Objects.requireNonNull(tokenId, "tokenId"), null, time, method, statusCode, duration,
        peer, userAgent);
  }

  /** {@code users/{u}/tokens/{t}}; empty when the operator acted for the user. */
  public String tokenName() {
    return tokenId == null ? "" : principal.resourceName() + "/tokens/" + tokenId;
  }

  public java.util.Optional<Actor> viaMeans() {
    return java.util.Optional.ofNullable(means);
  }
}
