package dev.latchkey.domain.audit;

import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.ApiTokenId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One change, as the audit trail keeps it: who ({@code actor}, and the token it used, or the
 * operator as {@code means} when it acted for a user), did what, to which resource, when, and what
 * changed ({@code details}: field to new value, never a secret).
 */
public record AuditEntry(
    TenantId tenantId,
    AuditEventId id,
    Instant time,
    Actor actor,
    @Nullable ApiTokenId tokenId,
    @Nullable Actor means,
    AuditAction action,
    String target,
    Map<String, String> details) {

  /** An entry of an actor that used its own token (or the operator itself). */
  public AuditEntry(TenantId tenantId, AuditEventId id, Instant time, Actor actor, @Nullable ApiTokenId tokenId,
      AuditAction action, String target, Map<String, String> details) {
    this(tenantId, id, time, actor, tokenId, null, action, target, details);
  }

  public AuditEntry {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(target, "target");
    details = java.util.Collections.unmodifiableMap(new TreeMap<>(details));
  }

  public Optional<ApiTokenId> token() {
    return Optional.ofNullable(tokenId);
  }

  public Optional<Actor> viaMeans() {
    return Optional.ofNullable(means);
  }
}
