package dev.latchkey.adapter.postgres;

import static dev.latchkey.adapter.postgres.schema.Tables.WEBHOOK;

import dev.latchkey.adapter.postgres.schema.tables.records.WebhookRecord;
import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.application.port.out.SecretBox;
import dev.latchkey.application.port.out.WebhookRepository;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.webhook.BasicAuth;
import dev.latchkey.domain.webhook.Webhook;
import dev.latchkey.domain.webhook.WebhookHeader;
import dev.latchkey.domain.webhook.WebhookId;
import dev.latchkey.domain.webhook.WebhookState;
import dev.latchkey.domain.webhook.WebhookUrl;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/** Webhooks in PostgreSQL, their secrets sealed by the {@link SecretBox} (never stored in the clear). */
public final class JooqWebhookRepository implements WebhookRepository {
  private final Database database;
  private final SecretBox box;

  @Inject
  public JooqWebhookRepository(Database database, SecretBox box) {
    this.database = database;
    this.box = box;
  }

  @Override
  public void insert(Webhook webhook) {
    WebhookRecord row = toRecord(webhook);
    row.setCreateTime(Rows.time(webhook.createTime()));
    row.setCreator(webhook.creator().resourceName());
    database.run(dsl -> dsl.insertInto(WEBHOOK).set(row).execute());
  }

  @Override
  public Optional<Webhook> findById(TenantId tenantId, WebhookId id) {
    return database.run(dsl -> dsl.selectFrom(WEBHOOK)
            .where(WEBHOOK.TENANT_ID.eq(tenantId.value()), WEBHOOK.ID.eq(id.value()))
            .fetchOptional())
        .map(this::toWebhook);
  }

  @Override
  public Page<Webhook> list(TenantId tenantId, PageRequest request) {
    Condition after = request.cursor().map(c -> WEBHOOK.ID.lt(UUID.fromString(c))).orElse(DSL.noCondition());
    List<WebhookRecord> rows = database.run(dsl -> dsl.selectFrom(WEBHOOK)
        .where(WEBHOOK.TENANT_ID.eq(tenantId.value()), after)
        .orderBy(WEBHOOK.ID.desc())
        .limit(request.size() + 1)
        .fetch());
    boolean more = rows.size() > request.size();
    List<Webhook> items = rows.stream().limit(request.size()).map(this::toWebhook).toList();
    return new Page<>(items, more ? Optional.of(items.getLast().id().toString()) : Optional.empty());
  }

  @Override
  public boolean update(Webhook webhook) {
    WebhookRecord row = toRecord(webhook);
    return database.run(dsl -> dsl.update(WEBHOOK)
        .set(WEBHOOK.DISPLAY_NAME, row.getDisplayName())
        .set(WEBHOOK.URL, row.getUrl())
        .set(WEBHOOK.EVENT_TYPES, row.getEventTypes())
        .set(WEBHOOK.BASIC_USERNAME, row.getBasicUsername())
        .set(WEBHOOK.HEADER_NAMES, row.getHeaderNames())
        .set(WEBHOOK.HEADER_HIDDEN, row.getHeaderHidden())
        .set(WEBHOOK.HEADER_VALUES, row.getHeaderValues())
        .set(WEBHOOK.SECRETS, row.getSecrets())
        .set(WEBHOOK.STATE, row.getState())
        .set(WEBHOOK.DISABLED_REASON, row.getDisabledReason())
        .set(WEBHOOK.FAILING_SINCE, row.getFailingSince())
        .set(WEBHOOK.UPDATE_TIME, row.getUpdateTime())
        .set(WEBHOOK.VERSION, row.getVersion())
        .where(WEBHOOK.TENANT_ID.eq(webhook.tenantId().value()), WEBHOOK.ID.eq(webhook.id().value()),
            WEBHOOK.VERSION.eq(webhook.version() - 1))
        .execute()) == 1;
  }

  @Override
  public boolean delete(TenantId tenantId, WebhookId id) {
    return database.run(dsl -> dsl.deleteFrom(WEBHOOK)
        .where(WEBHOOK.TENANT_ID.eq(tenantId.value()), WEBHOOK.ID.eq(id.value()))
        .execute()) == 1;
  }

  /** Not a version step: the failure run is the server's bookkeeping, not the account holder's edit. */
  @Override
  public Optional<Instant> noteOutcome(TenantId tenantId, WebhookId id, boolean success, Instant at) {
    var since = success ? DSL.<java.time.OffsetDateTime>inline(null, WEBHOOK.FAILING_SINCE)
        : DSL.coalesce(WEBHOOK.FAILING_SINCE, DSL.val(Rows.time(at)));
    return database.run(dsl -> dsl.update(WEBHOOK)
            .set(WEBHOOK.FAILING_SINCE, since)
            .where(WEBHOOK.TENANT_ID.eq(tenantId.value()), WEBHOOK.ID.eq(id.value()))
            .returning(WEBHOOK.FAILING_SINCE)
            .fetchOptional())
        .flatMap(r -> Optional.ofNullable(Rows.nullableInstant(r.getFailingSince())));
  }

  private WebhookRecord toRecord(Webhook webhook) {
    WebhookRecord row = new WebhookRecord();
    row.setTenantId(webhook.tenantId().value());
    row.setId(webhook.id().value());
    row.setDisplayName(webhook.displayName().value());
    row.setUrl(webhook.url().value());
    row.setEventTypes(webhook.eventTypes().toArray(String[]::new));
    row.setBasicUsername(webhook.basicAuth().map(BasicAuth::username).orElse(null));
    List<String> hiddenValues = new ArrayList<>();
    int count = webhook.headers().size();
    String[] names = new String[count];
    Boolean[] hidden = new Boolean[count];
    String[] values = new String[count];
    for (int i = 0; i < count; i++) {
      WebhookHeader header = webhook.headers().get(i);
      names[i] = header.name();
      hidden[i] = header.hidden();
      values[i] = header.hidden() ? "" : header.value();
      if (header.hidden()) {
        hiddenValues.add(header.value());
      }
    }
    row.setHeaderNames(names);
    row.setHeaderHidden(hidden);
    row.setHeaderValues(values);
    row.setSecrets(WebhookSecretsColumn.seal(box, webhook.id().value(), new WebhookSecretsColumn.Secrets(
        webhook.basicAuth().map(BasicAuth::password).orElse(null), hiddenValues, webhook.signing())));
    row.setState(webhook.state().name());
    row.setDisabledReason(webhook.disabledReason());
    row.setFailingSince(Rows.nullableTime(webhook.failingSince().orElse(null)));
    row.setUpdateTime(Rows.time(webhook.updateTime()));
    row.setVersion(webhook.version());
    return row;
  }

  private Webhook toWebhook(WebhookRecord r) {
    var secrets = WebhookSecretsColumn.open(box, r.getId(), r.getSecrets());
    List<WebhookHeader> headers = new ArrayList<>();
    int hiddenIndex = 0;
    for (int i = 0; i < r.getHeaderNames().length; i++) {
      boolean hidden = r.getHeaderHidden()[i];
      String value = hidden ? secrets.hiddenValues().get(hiddenIndex++) : r.getHeaderValues()[i];
      headers.add(new WebhookHeader(r.getHeaderNames()[i], value, hidden));
    }
    String password = secrets.basicPassword();
    Optional<BasicAuth> basic = r.getBasicUsername() == null ? Optional.empty()
        : Optional.of(new BasicAuth(r.getBasicUsername(), password == null ? "" : password));
    Actor creator = Actor.fromResourceName(r.getCreator())
        .orElseThrow(() -> new IllegalStateException("unreadable creator in webhook " + r.getId()));
    return new Webhook(new TenantId(r.getTenantId()), new WebhookId(r.getId()),
        DisplayName.stored(r.getDisplayName()), new WebhookUrl(r.getUrl()), List.of(r.getEventTypes()), basic,
        headers, secrets.signing(), WebhookState.valueOf(r.getState()), r.getDisabledReason(),
        Optional.ofNullable(Rows.nullableInstant(r.getFailingSince())), Rows.instant(r.getCreateTime()),
        Rows.instant(r.getUpdateTime()), creator, r.getVersion());
  }
}
