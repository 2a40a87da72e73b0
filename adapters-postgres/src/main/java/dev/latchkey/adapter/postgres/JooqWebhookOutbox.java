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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The webhook outbox in PostgreSQL. Fan-out happens at write time, in the change's transaction: one
 * {@code INSERT ... SELECT} over the tenant's enabled webhooks subscribed to the event's type, so a
 * change nobody subscribed to costs one indexed lookup, and each delivery carries its own attempts,
 * retry time and order. Workers claim webhooks ({@code FOR NO KEY UPDATE SKIP LOCKED} on their rows)
 * and lease runs of their next deliveries, so several instances share the work and a worker that
 * dies mid-run only delays it; a claim costs the same however long a webhook's backlog is.
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

  // A claim takes webhooks, not rows: first the webhooks with something due, those waiting longest
  // first, locked (FOR NO KEY UPDATE, which the outbox rows' foreign-key checks on the change path do
  // not wait for) and skipped when another worker is claiming them; then, in a statement of its own
  // (its snapshot sees every claim committed before the locks were granted), the next deliveries of
  // each. The webhooks with new deliveries come from a skip scan over the new-deliveries index (one
  // probe per webhook, however long its backlog), the due retries from the retries index.
  private static final String LOCK = """
      with recursive heads as (
        (select d.tenant_id, d.webhook_id, d.next_attempt_time, d.lease_until from webhook_delivery d
         where d.attempts = 0 order by d.webhook_id, d.seq limit 1)
        union all
        select n.tenant_id, n.webhook_id, n.next_attempt_time, n.lease_until from heads h cross join lateral (
          select d.tenant_id, d.webhook_id, d.next_attempt_time, d.lease_until from webhook_delivery d
          where d.attempts = 0 and d.webhook_id > h.webhook_id order by d.webhook_id, d.seq limit 1) n),
      due as (
        select tenant_id, webhook_id, next_attempt_time from heads
        where next_attempt_time <= {0} and (lease_until is null or lease_until <= {0})
        union all
        select * from (
          select d.tenant_id, d.webhook_id, d.next_attempt_time from webhook_delivery d
          where d.attempts > 0 and d.next_attempt_time <= {0} and (d.lease_until is null or d.lease_until <= {0})
          order by d.next_attempt_time limit {1}) r),
      waiting as (select tenant_id, webhook_id, min(next_attempt_time) as since from due group by tenant_id, webhook_id)
      select w.id from webhook w join waiting on w.tenant_id = waiting.tenant_id and w.id = waiting.webhook_id
      order by waiting.since, w.id
      limit {1}
      for no key update of w skip locked""";

  // Each locked webhook's deliveries in commit order, new ones and due retries (retries waiting for
  // later are left out: they hold nothing back), up to the first that is in flight or not yet due.
  private static final String LEASE = """
      with candidates as (
        select x.* from unnest({0}) as w(id) cross join lateral (
          select u.* from (
            (select d.id, d.webhook_id, d.seq, d.attempts, d.next_attempt_time, d.lease_until from webhook_delivery d
             where d.webhook_id = w.id and d.attempts = 0 order by d.seq limit {1})
            union all
            (select d.id, d.webhook_id, d.seq, d.attempts, d.next_attempt_time, d.lease_until from webhook_delivery d
             where d.webhook_id = w.id and d.attempts > 0 and d.next_attempt_time <= {2} order by d.seq limit {1})
          ) u order by u.seq limit {1}) x),
      open as (
        select id, bool_or(coalesce(lease_until > {2}, false) or next_attempt_time > {2})
            over (partition by webhook_id order by seq) as blocked
        from candidates)
      update webhook_delivery d set lease_until = {3} from open where d.id = open.id and not open.blocked
      returning d.id, d.tenant_id, d.webhook_id, d.event_type, d.data, d.event_time, d.attempts, d.seq""";

  private static final String RELEASE = """
      update webhook_delivery set lease_until = null where id = any ({0}) and lease_until = {1}""";

  private static final String LOG = """
      insert into webhook_delivery_attempt (tenant_id, webhook_id, id, delivery_id, event_type, attempt, time,
          response_status, latency_micros, response_body, error)
      select ?::uuid, ?::uuid, ?::uuid, ?::uuid, ?, ?::integer, ?::timestamptz, ?::integer, ?::bigint, ?, ?
      where exists (select 1 from webhook where tenant_id = ?::uuid and id = ?::uuid)
      on conflict do nothing""";

  // Many attempts logged and their deliveries dropped: one statement, one commit. A success ends its
  // webhook's run of failures, if one is going on (no write otherwise).
  private static final String DONE_ALL = """
      with attempts as (
        select * from unnest({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, {10})
            as a(tenant_id, webhook_id, id, delivery_id, event_type, attempt, time, response_status, latency_micros,
                response_body, error)),
      logged as (
        insert into webhook_delivery_attempt (tenant_id, webhook_id, id, delivery_id, event_type, attempt, time,
            response_status, latency_micros, response_body, error)
        select a.* from attempts a
        where exists (select 1 from webhook w where w.tenant_id = a.tenant_id and w.id = a.webhook_id)
        on conflict do nothing),
      recovered as (
        update webhook w set failing_since = null
        from (select distinct tenant_id, webhook_id from attempts where error = '') s
        where w.tenant_id = s.tenant_id and w.id = s.webhook_id and w.failing_since is not null)
      delete from webhook_delivery where id = any ({3})""";

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
        DriverArrays.texts(events.stream().map(WebhookEvent::type).toArray(String[]::new)),
        DriverArrays.texts(events.stream().map(WebhookEvent::dataJson).toArray(String[]::new)),
        DSL.val(tenant.value())));
  }

  @Override
  public List<List<PendingDelivery>> claimRuns(int webhooks, int perWebhook, Instant now, Duration lease) {
    if (webhooks <= 0 || perWebhook <= 0) {
      return List.of();
    }
    var at = DSL.val(Rows.time(now), SQLDataType.TIMESTAMPWITHTIMEZONE(6));
    var until = DSL.val(Rows.time(now.plus(lease)), SQLDataType.TIMESTAMPWITHTIMEZONE(6));
    return database.inTransaction(() -> {
      List<UUID> locked = database.run(dsl -> dsl.resultQuery(LOCK, at, DSL.val(webhooks, SQLDataType.INTEGER))
          .fetch(r -> r.get(0, UUID.class)));
      if (locked.isEmpty()) {
        return List.of();
      }
      Map<UUID, List<Leased>> byWebhook = new LinkedHashMap<>();
      locked.forEach(id -> byWebhook.put(id, new ArrayList<>()));
      database.run(dsl -> dsl.resultQuery(LEASE, DSL.val(locked.toArray(UUID[]::new), SQLDataType.UUID.array()),
              DSL.val(perWebhook, SQLDataType.INTEGER), at, until)
          .fetch(r -> new Leased(r.get("seq", Long.class), new PendingDelivery(r.get("id", UUID.class),
              new TenantId(r.get("tenant_id", UUID.class)), new WebhookId(r.get("webhook_id", UUID.class)),
              new WebhookEvent(r.get("event_type", String.class), r.get("data", String.class)),
              Rows.instant(r.get("event_time", OffsetDateTime.class)), r.get("attempts", Integer.class)))))
          .forEach(l -> byWebhook.computeIfAbsent(l.delivery().webhook().value(), id -> new ArrayList<>()).add(l));
      List<List<PendingDelivery>> runs = new ArrayList<>();
      for (List<Leased> run : byWebhook.values()) {
        if (!run.isEmpty()) {
          runs.add(run.stream().sorted(Comparator.comparingLong(Leased::seq)).map(Leased::delivery).toList());
        }
      }
      return runs;
    });
  }

  private record Leased(long seq, PendingDelivery delivery) {}

  @Override
  public void release(List<PendingDelivery> deliveries, Instant leasedUntil) {
    if (deliveries.isEmpty()) {
      return;
    }
    database.run(dsl -> dsl.execute(RELEASE,
        DSL.val(deliveries.stream().map(PendingDelivery::id).toArray(UUID[]::new), SQLDataType.UUID.array()),
        DSL.val(Rows.time(leasedUntil), SQLDataType.TIMESTAMPWITHTIMEZONE(6))));
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
  public void finishAll(List<DeliveryAttempt> attempts) {
    if (attempts.isEmpty()) {
      return;
    }
    database.run(dsl -> dsl.execute(DONE_ALL,
        DSL.val(attempts.stream().map(a -> a.tenant().value()).toArray(UUID[]::new), SQLDataType.UUID.array()),
        DSL.val(attempts.stream().map(a -> a.webhook().value()).toArray(UUID[]::new), SQLDataType.UUID.array()),
        DSL.val(attempts.stream().map(DeliveryAttempt::id).toArray(UUID[]::new), SQLDataType.UUID.array()),
        DSL.val(attempts.stream().map(DeliveryAttempt::deliveryId).toArray(UUID[]::new), SQLDataType.UUID.array()),
        DriverArrays.texts(attempts.stream().map(DeliveryAttempt::eventType).toArray(String[]::new)),
        DSL.val(attempts.stream().map(DeliveryAttempt::attempt).toArray(Integer[]::new), SQLDataType.INTEGER.array()),
        DSL.val(attempts.stream().map(a -> Rows.time(a.time())).toArray(OffsetDateTime[]::new),
            SQLDataType.TIMESTAMPWITHTIMEZONE(6).array()),
        DSL.val(attempts.stream().map(a -> a.status().orElse(null)).toArray(Integer[]::new),
            SQLDataType.INTEGER.array()),
        DSL.val(attempts.stream().map(a -> a.latency().toNanos() / 1000).toArray(Long[]::new),
            SQLDataType.BIGINT.array()),
        DriverArrays.texts(attempts.stream().map(DeliveryAttempt::responseStart).toArray(String[]::new)),
        DriverArrays.texts(attempts.stream().map(DeliveryAttempt::error).toArray(String[]::new))));
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
