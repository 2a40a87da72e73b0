package dev.latchkey.application.service;

import dev.latchkey.application.port.out.AuditLog;
import dev.latchkey.application.port.out.CredentialChanges;
import dev.latchkey.application.port.out.Transactions;
import dev.latchkey.application.port.out.IdGenerator;
import dev.latchkey.domain.audit.AuditAction;
import dev.latchkey.domain.audit.AuditEntry;
import dev.latchkey.domain.audit.AuditEventId;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.tenant.TenantId;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;

/**
 * Writes the audit entry of a change, attributed to the caller and the token it used, and
 * announces that the tenant's credentials may have changed (caches of verified tokens on every
 * instance drop the tenant's entries once the change commits). Call it inside the change's
 * transaction: the one place every change passes through (and where an outbox event for webhooks
 * will be written too).
 */
public final class AuditTrail {
  private final AuditLog log;
  private final IdGenerator ids;
  private final CredentialChanges changes;
  private final Transactions transactions;
  private final CredentialCache cache;

  @Inject
  public AuditTrail(
      AuditLog log, IdGenerator ids, CredentialChanges changes, Transactions transactions, CredentialCache cache) {
    this.log = log;
    this.ids = ids;
    this.changes = changes;
    this.transactions = transactions;
    this.cache = cache;
  }

  public void record(
      Principal caller, TenantId tenant, Instant at, AuditAction action, String target, Map<String, String> details) {
    Principal.TenantPrincipal p = caller instanceof Principal.TenantPrincipal t ? t : null;
    log.append(new AuditEntry(tenant, new AuditEventId(ids.newId()), at, caller.actor(),
        p == null ? null : p.tokenId(), p == null ? null : p.means(), action, target, details));
    changes.announce(tenant);
    // This instance forgets at once after the commit, without waiting to hear its own announcement.
    transactions.afterCommit(() -> cache.tenantChanged(tenant));
  }

  /** Entries of one change by {@code caller} at {@code at}, several targets. */
  public Recorder recorder(Principal caller, TenantId tenant, Instant at) {
    return new Recorder(caller, tenant, at);
  }

  /** Records several entries of the same caller, tenant and time. */
  public final class Recorder {
    private final Principal caller;
    private final TenantId tenant;
    private final Instant at;

    private Recorder(Principal caller, TenantId tenant, Instant at) {
      this.caller = caller;
      this.tenant = tenant;
      this.at = at;
    }

    public void record(AuditAction action, String target, Map<String, String> details) {
      AuditTrail.this.record(caller, tenant, at, action, target, details);
    }
  }
}
