package dev.latchkey.adapter.postgres;

import static dev.latchkey.adapter.postgres.schema.Tables.WEBHOOK_DELIVERY;
import static dev.latchkey.adapter.postgres.schema.Tables.WEBHOOK_DELIVERY_ATTEMPT;

import dev.latchkey.adapter.postgres.schema.tables.records.WebhookDeliveryAttemptRecord;
import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.application.port.out.WebhookOutbox;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.webhook.DeliveryAttempt;
import dev.latchkey.domain.webhook.WebhookEvent;
import dev.latchkey.domain.webhook.WebhookId;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The webhook outbox in PostgreSQL. Fan-out happens at write time, in the change's transaction: one
 * {@code INSERT ... SELECT} over the tenant's enabled webhooks subscribed to the event's type, so a
 * change nobody subscribed to costs one indexed lookup, and each delivery carries its own attempts,
 * retry time and order. Workers claim with {@code FOR UPDATE SKIP LOCKED} and a lease, so several
 * instances share the work and a worker that dies mid-delivery only delays it.
 */
public final class JooqWebhookOutbox implements WebhookOutbox {
  private static final String ENQUEUE = """
      insert into webhook_delivery (id, tenant_id, webhook_id, event_type, data, event_time, next_attempt_time)
      select gen_random_uuid(), tenant_id, id, ?, ?, ?::timestamptz, ?::timestamptz
      from webhook
      where tenant_id = ?::uuid and state = 'ENABLED' and ?::text = any (event_types)
      order by id""";

  // The events in their order, each to its subscribers: the identity column keeps that order.
  private static final String ENQUEUE_ALL = """
      insert into webhook_delivery (id, tenant_id, webhook_id, event_type, data, event_time, next_attempt_time)
      select gen_random_uuid(), w.tenant_id, w.id, e.type, e.data, {0}, {0}
      from unnest({1}, {2}) with ordinality as e(type, data, n)
      join webhook w on w.tenant_id = {3} and w.state = 'ENABLED' and e.type = any (w.event_types)
      order by e.n, w.id""";

  // A webhook's deliveries go out in commit order: none is claimed while an earlier one of the same
  // webhook is new or in flight. One that waits for a retry does not hold the later ones back.
  private static final String CLAIM = """
      with due as (
        select d.id from webhook_delivery d
        where d.next_attempt_time <= ?::timestamptz and (d.lease_until is null or d.lease_until <= ?::timestamptz)
          and not exists (
            select 1 from webhook_delivery e
            where e.webhook_id = d.webhook_id and e.seq < d.seq
              and (e.attempts = 0 or e.lease_until > ?::timestamptz))
        order by d.next_attempt_time, d.seq
        limit ?::integer
        for update of d skip locked)
      update webhook_delivery d set lease_until = ?::timestamptz from due where d.id = due.id
      returning d.id, d.tenant_id, d.webhook_id, d.event_type, d.data, d.event_time, d.attempts""";

  private static final String LOG = """
      insert into webhook_delivery_attempt (tenant_id, webhook_id, id, delivery_id, event_type, attempt, time,
          response_status, latency_micros, response_body, error)
      select ?::uuid, ?::uuid, ?::uuid, ?::uuid, ?, ?::integer, ?::timestamptz, ?::integer, ?::bigint, ?, ?
      where exists (select 1 from webhook where tenant_id = ?::uuid and id = ?::uuid)
      on conflict do nothing""";

  private static final String DONE = "with logged as (" + LOG + ") delete from webhook_delivery where id = ?::uuid";

  private static final String RETRY = "with logged as (" + LOG + ") update webhook_delivery"
      + " set attempts = attempts + 1, next_attempt_time = ?::timestamptz, lease_until = null where id = ?::uuid";

  private final Database database;

  @Inject
  public JooqWebhookOutbox(Database database) {
    this.database = database;
  }

  @Override
  public int enqueue(TenantId tenant, WebhookEvent event, Instant at) {
    OffsetDateTime time = Rows.time(at);
    return database.run(dsl -> dsl.execute(ENQUEUE, event.type(), event.dataJson(), time, time, tenant.value(),
        event.type()));
  }

  @Override
  public int enqueueAll(TenantId tenant, List<WebhookEvent> events, Instant at) {
    if (events.size() == 1) {
      return enqueue(tenant, events.getFirst(), at);
    }
    if (events.isEmpty()) {
      return 0;
    }
    return database.run(dsl -> dsl.execute(ENQUEUE_ALL,
        DSL.val(Rows.time(at), SQLDataType.TIMESTAMPWITHTIMEZONE(6)),
        DSL.val(events.stream().map(WebhookEvent::type).toArray(String[]::new), SQLDataType.CLOB.array()),
        DSL.val(events.stream().map(WebhookEvent::dataJson).toArray(String[]::new), SQLDataType.CLOB.array()),
        DSL.val(tenant.value())));
  }

  @Override
  public List<PendingDelivery> claim(int max, Instant now, Duration lease) {
    OffsetDateTime at = Rows.time(now);
    return database.run(dsl -> dsl.resultQuery(CLAIM, at, at, at, max, Rows.time(now.plus(lease))).fetch(r ->
        new PendingDelivery(r.get("id", UUID.class), new TenantId(r.get("tenant_id", UUID.class)),
            new WebhookId(r.get("webhook_id", UUID.class)),
            new WebhookEvent(r.get("event_type", String.class), r.get("data", String.class)),
            Rows.instant(r.get("event_time", OffsetDateTime.class)), r.get("attempts", Integer.class))));
  }

  /** One statement, so atomic without a transaction: the attempt is logged and the row moves on. */
  @Override
  public void finish(PendingDelivery delivery, DeliveryAttempt attempt, Optional<Instant> retryAt) {
    List<Object> binds = new ArrayList<>(logBinds(attempt));
    binds.add(delivery.id());
    if (retryAt.isPresent()) {
      binds.add(binds.size() - 1, Rows.time(retryAt.get()));
      database.run(dsl -> dsl.execute(RETRY, binds.toArray()));
    } else {
      database.run(dsl -> dsl.execute(DONE, binds.toArray()));
    }
  }

  @Override
  public void log(DeliveryAttempt attempt) {
    // The webhook may have been deleted while the attempt was on its way; its log went with it.
    database.run(dsl -> dsl.execute(LOG, logBinds(attempt).toArray()));
  }

  private static List<Object> logBinds(DeliveryAttempt attempt) {
    List<Object> binds = new ArrayList<>(Arrays.asList(attempt.tenant().value(), attempt.webhook().value(),
        attempt.id(), attempt.deliveryId(), attempt.eventType(), attempt.attempt(), Rows.time(attempt.time()),
        attempt.status().orElse(null), attempt.latency().toNanos() / 1000, attempt.responseStart(), attempt.error(),
        attempt.tenant().value(), attempt.webhook().value()));
    return binds;
  }

  @Override
  public Page<DeliveryAttempt> attempts(TenantId tenant, WebhookId webhook, PageRequest request) {
    Condition after = request.cursor().map(c -> WEBHOOK_DELIVERY_ATTEMPT.ID.lt(UUID.fromString(c)))
        .orElse(DSL.noCondition());
    List<WebhookDeliveryAttemptRecord> rows = database.run(dsl -> dsl.selectFrom(WEBHOOK_DELIVERY_ATTEMPT)
        .where(WEBHOOK_DELIVERY_ATTEMPT.TENANT_ID.eq(tenant.value()),
            WEBHOOK_DELIVERY_ATTEMPT.WEBHOOK_ID.eq(webhook.value()), after)
        .orderBy(WEBHOOK_DELIVERY_ATTEMPT.ID.desc())
        .limit(request.size() + 1)
        .fetch());
    boolean more = rows.size() > request.size();
    List<DeliveryAttempt> items = rows.stream().limit(request.size()).map(JooqWebhookOutbox::toAttempt).toList();
    return new Page<>(items, more ? Optional.of(items.getLast().id().toString()) : Optional.empty());
  }

  @Override
  public int purgeLog(Instant before) {
    return database.run(dsl -> dsl.deleteFrom(WEBHOOK_DELIVERY_ATTEMPT)
        .where(WEBHOOK_DELIVERY_ATTEMPT.TIME.lt(Rows.time(before)))
        .execute());
  }

  private static DeliveryAttempt toAttempt(WebhookDeliveryAttemptRecord r) {
    return new DeliveryAttempt(r.getId(), new TenantId(r.getTenantId()), new WebhookId(r.getWebhookId()),
        r.getDeliveryId(), r.getEventType(), r.getAttempt(), Rows.instant(r.getTime()),
        Optional.ofNullable(r.getResponseStatus()), Duration.ofNanos(r.getLatencyMicros() * 1000),
        r.getResponseBody(), r.getError());
  }
}
