package dev.latchkey.application.service;

import dev.latchkey.application.port.out.AuditLog;
import dev.latchkey.application.port.out.CredentialChanges;
import dev.latchkey.application.port.out.IdGenerator;
import dev.latchkey.application.port.out.Transactions;
import dev.latchkey.application.port.out.WebhookOutbox;
import dev.latchkey.domain.audit.AuditEntry;
import dev.latchkey.domain.audit.AuditEventId;
import dev.latchkey.domain.change.ChangeEvent;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.webhook.WebhookEvent;
import dev.latchkey.domain.webhook.WebhookEvents;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes everything a change implies, inside the change's transaction: the audit entry
 * (attributed to the caller, the token it used and the operator when it acted for someone), and,
 * only when the change affects credentials, the announcement that makes every instance drop its
 * cached tokens of the tenant once the change commits, and, when webhooks may receive the change
 * ({@link WebhookEvents}), one outbox row per subscribed enabled webhook. The one place every change
 * passes through; use cases never write these themselves.
 */
public final class ChangeRecorder {
  private final AuditLog log;
  private final IdGenerator ids;
  private final CredentialChanges changes;
  private final Transactions transactions;
  private final CredentialCache cache;
  private final WebhookOutbox outbox;

  @Inject
  public ChangeRecorder(
      AuditLog log, IdGenerator ids, CredentialChanges changes, Transactions transactions, CredentialCache cache,
      WebhookOutbox outbox) {
    this.outbox = outbox;
    this.log = log;
    this.ids = ids;
    this.changes = changes;
    this.transactions = transactions;
    this.cache = cache;
  }

  /**
   * Records each of {@code events}, changes of {@code tenant} made together by {@code caller} at
   * {@code at}; their webhook deliveries are queued in one go.
   */
  public void recordAll(Principal caller, TenantId tenant, Instant at, List<? extends ChangeEvent> events) {
    List<WebhookEvent> webhookEvents = new ArrayList<>();
    for (ChangeEvent event : events) {
      recordExceptWebhooks(caller, tenant, at, event);
      WebhookEvents.of(event).ifPresent(webhookEvents::add);
    }
    if (!webhookEvents.isEmpty()) {
      outbox.enqueueAll(tenant, webhookEvents, at);
    }
  }

  /** Records {@code event}, a change of {@code tenant} made by {@code caller} at {@code at}. */
  public void record(Principal caller, TenantId tenant, Instant at, ChangeEvent event) {
    recordExceptWebhooks(caller, tenant, at, event);
    WebhookEvents.of(event).ifPresent(webhookEvent -> outbox.enqueue(tenant, webhookEvent, at));
  }

  private void recordExceptWebhooks(Principal caller, TenantId tenant, Instant at, ChangeEvent event) {
    Principal.TenantPrincipal p = caller instanceof Principal.TenantPrincipal t ? t : null;
    if (event.audited()) {
      log.append(new AuditEntry(tenant, new AuditEventId(ids.newId()), at, caller.actor(),
          p == null ? null : p.tokenId(), p == null ? null : p.means(), event.action(), event.target(),
          AuditDetails.of(event)));
    }
    if (event.affectsCredentials()) {
      changes.announce(tenant);
      // This instance forgets at once after the commit, without waiting to hear its own announcement.
      transactions.afterCommit(() -> cache.tenantChanged(tenant));
    }
  }
}
