package dev.latchkey.adapter.postgres;

import static dev.latchkey.adapter.postgres.schema.Tables.REQUEST_LOG;

import dev.latchkey.adapter.postgres.schema.tables.records.RequestLogRecord;
import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.application.port.out.RequestLogRepository;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.PrivateAppId;
import dev.latchkey.domain.requestlog.RequestLogEntry;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.ApiTokenId;
import dev.latchkey.domain.user.UserId;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/** The request log as written by {@link RequestLogWriter}. */
public final class JooqRequestLogRepository implements RequestLogRepository {
  static final String USER = "USER";
  static final String PRIVATE_APP = "PRIVATE_APP";

  private final Database database;

  @Inject
  public JooqRequestLogRepository(Database database) {
    this.database = database;
  }

  @Override
  public Page<RequestLogEntry> list(TenantId tenantId, Actor principal, PageRequest request) {
    if (principal instanceof Actor.Operator) {
      return new Page<>(List.of(), Optional.empty());
    }
    // The writer gives each entry a UUIDv7 id: newest first is id descending, and the last id is
    // the keyset cursor (served by request_log_principal_idx in every partition).
    Condition after = request.cursor().map(c -> REQUEST_LOG.ID.lt(UUID.fromString(c))).orElse(DSL.noCondition());
    List<RequestLogRecord> rows = database.run(dsl -> dsl.selectFrom(REQUEST_LOG)
        .where(REQUEST_LOG.TENANT_ID.eq(tenantId.value()),
            REQUEST_LOG.PRINCIPAL_TYPE.eq(principalType(principal)),
            REQUEST_LOG.PRINCIPAL_ID.eq(principalId(principal)),
            after)
        .orderBy(REQUEST_LOG.ID.desc())
        .limit(request.size() + 1)
        .fetch());
    boolean more = rows.size() > request.size();
    List<RequestLogRecord> page = rows.subList(0, Math.min(rows.size(), request.size()));
    return new Page<>(page.stream().map(JooqRequestLogRepository::toEntry).toList(),
        more ? Optional.of(page.getLast().getId().toString()) : Optional.empty());
  }

  static String principalType(Actor principal) {
    return switch (principal) {
      case Actor.UserRef u -> USER;
      case Actor.PrivateAppRef a -> PRIVATE_APP;
      case Actor.Operator o -> throw new IllegalArgumentException("the operator's calls are not logged");
      case Actor.TenantIngest i -> throw new IllegalArgumentException("ingest calls are not logged");
    };
  }

  static UUID principalId(Actor principal) {
    return switch (principal) {
      case Actor.UserRef u -> u.id().value();
      case Actor.PrivateAppRef a -> a.id().value();
      case Actor.Operator o -> throw new IllegalArgumentException("the operator's calls are not logged");
      case Actor.TenantIngest i -> throw new IllegalArgumentException("ingest calls are not logged");
    };
  }

  private static RequestLogEntry toEntry(RequestLogRecord r) {
    Actor principal = switch (r.getPrincipalType()) {
      case USER -> new Actor.UserRef(new UserId(r.getPrincipalId()));
      case PRIVATE_APP -> new Actor.PrivateAppRef(new PrivateAppId(r.getPrincipalId()));
      default -> throw new IllegalStateException("unknown principal type in request_log " + r.getId());
    };
    // A row names the token used, or the operator that acted for the user (never both: a check says so).
    Actor means = r.getMeans() == null ? null : Actor.fromResourceName(r.getMeans())
        .orElseThrow(() -> new IllegalStateException("unreadable means in request_log " + r.getId()));
    return new RequestLogEntry(new TenantId(r.getTenantId()), principal,
        r.getTokenId() == null ? null : new ApiTokenId(r.getTokenId()), means, Rows.instant(r.getTime()),
        r.getMethod(), r.getStatusCode(), Duration.of(r.getDurationMicros(), ChronoUnit.MICROS), r.getPeer(),
        r.getUserAgent());
  }
}
