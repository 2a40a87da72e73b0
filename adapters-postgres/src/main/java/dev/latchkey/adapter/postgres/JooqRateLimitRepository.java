package dev.latchkey.adapter.postgres;

import static dev.latchkey.adapter.postgres.schema.Tables.RATE_LIMIT;

import dev.latchkey.application.port.out.RateLimitRepository;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.ratelimit.RateLimit;
import dev.latchkey.domain.ratelimit.RateLimitTarget;
import dev.latchkey.domain.ratelimit.RequestsPerMinute;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;

/** The operator's rate limits in PostgreSQL, one row per tenant, principal or ingest budget that has one. */
public final class JooqRateLimitRepository implements RateLimitRepository {
  private final Database database;

  @Inject
  public JooqRateLimitRepository(Database database) {
    this.database = database;
  }

  @Override
  public RequestsPerMinute find(RateLimitTarget target) {
    Long value = database.run(dsl -> dsl.select(RATE_LIMIT.REQUESTS_PER_MINUTE).from(RATE_LIMIT)
        .where(RATE_LIMIT.TENANT_ID.eq(target.tenantId().value()))
        .and(RATE_LIMIT.PRINCIPAL_TYPE.eq(type(target)))
        .and(RATE_LIMIT.PRINCIPAL_ID.eq(id(target)))
        .fetchOne(RATE_LIMIT.REQUESTS_PER_MINUTE));
    return value == null ? RequestsPerMinute.NONE : new RequestsPerMinute(value);
  }

  @Override
  public void save(RateLimit limit, Instant at) {
    RateLimitTarget target = limit.target();
    database.run(dsl -> dsl.insertInto(RATE_LIMIT)
        .set(RATE_LIMIT.TENANT_ID, target.tenantId().value())
        .set(RATE_LIMIT.PRINCIPAL_TYPE, type(target))
        .set(RATE_LIMIT.PRINCIPAL_ID, id(target))
        .set(RATE_LIMIT.REQUESTS_PER_MINUTE, limit.requestsPerMinute().value())
        .set(RATE_LIMIT.UPDATE_TIME, Rows.time(at))
        .onConflict(RATE_LIMIT.TENANT_ID, RATE_LIMIT.PRINCIPAL_TYPE, RATE_LIMIT.PRINCIPAL_ID)
        .doUpdate()
        .set(RATE_LIMIT.REQUESTS_PER_MINUTE, limit.requestsPerMinute().value())
        .set(RATE_LIMIT.UPDATE_TIME, Rows.time(at))
        .execute());
  }

  private static String type(RateLimitTarget target) {
    return switch (target) {
      case RateLimitTarget.OfTenant t -> "TENANT";
      case RateLimitTarget.OfIngest i -> "INGEST";
      case RateLimitTarget.OfPrincipal p -> switch (p.principal()) {
        case Actor.UserRef u -> "USER";
        case Actor.PrivateAppRef a -> "PRIVATE_APP";
        case Actor.Operator o -> throw new IllegalArgumentException("the operator has no rate limit");
        case Actor.TenantIngest i -> throw new IllegalArgumentException("the ingest token holder has no principal rate limit");
      };
    };
  }

  private static UUID id(RateLimitTarget target) {
    return switch (target) {
      case RateLimitTarget.OfTenant t -> t.tenantId().value();
      case RateLimitTarget.OfIngest i -> i.tenantId().value();
      case RateLimitTarget.OfPrincipal p -> switch (p.principal()) {
        case Actor.UserRef u -> u.id().value();
        case Actor.PrivateAppRef a -> a.id().value();
        case Actor.Operator o -> throw new IllegalArgumentException("the operator has no rate limit");
        case Actor.TenantIngest i -> throw new IllegalArgumentException("the ingest token holder has no principal rate limit");
      };
    };
  }
}
