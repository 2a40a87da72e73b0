package dev.latchkey.adapter.postgres;

import static dev.latchkey.adapter.postgres.schema.Tables.API_TOKEN;

import dev.latchkey.adapter.postgres.schema.tables.records.ApiTokenRecord;
import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.application.port.out.ApiTokenRepository;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.PrivateAppId;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.ApiToken;
import dev.latchkey.domain.token.ApiTokenId;
import dev.latchkey.domain.token.TokenDigest;
import dev.latchkey.domain.user.UserId;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** Tokens in PostgreSQL: digest and metadata, never the token. */
public final class JooqApiTokenRepository implements ApiTokenRepository {
  private static final String USER = "USER";
  private static final String PRIVATE_APP = "PRIVATE_APP";

  private final Database database;

  @Inject
  public JooqApiTokenRepository(Database database) {
    this.database = database;
  }

  @Override
  public void lockOwner(TenantId tenantId, Actor owner) {
    // A transaction-scoped advisory lock per owner: released at commit or rollback, no row needed.
    String key = tenantId + "/" + owner.resourceName();
    database.run(dsl -> dsl.select(DSL.field("pg_advisory_xact_lock(hashtextextended({0}, 0))", Object.class,
        DSL.val(key))).fetch());
  }

  @Override
  public void insert(ApiToken token) {
    database.run(dsl -> dsl.insertInto(API_TOKEN)
        .set(API_TOKEN.TENANT_ID, token.tenantId().value())
        .set(API_TOKEN.ID, token.id().value())
        .set(API_TOKEN.OWNER_TYPE, ownerType(token.owner()))
        .set(API_TOKEN.OWNER_ID, ownerId(token.owner()))
        .set(API_TOKEN.DISPLAY_NAME, token.displayName().value())
        .set(API_TOKEN.DISPLAY_PREFIX, token.displayPrefix())
        .set(API_TOKEN.DIGEST, token.digest().bytes())
        .set(API_TOKEN.PEPPER_KEY_ID, token.digest().keyId())
        .set(API_TOKEN.CREATE_TIME, Rows.time(token.createTime()))
        .set(API_TOKEN.CREATOR, token.creator().resourceName())
        .set(API_TOKEN.LAST_USE_TIME, Rows.nullableTime(token.lastUseTime()))
        .execute());
  }

  @Override
  public Optional<ApiToken> findByDigest(TokenDigest digest) {
    return database.run(dsl -> dsl.selectFrom(API_TOKEN)
            .where(API_TOKEN.DIGEST.eq(digest.bytes()), API_TOKEN.PEPPER_KEY_ID.eq(digest.keyId()),
                API_TOKEN.DELETE_TIME.isNull())
            .fetchOptional())
        .map(JooqApiTokenRepository::toToken);
  }

  @Override
  public boolean rehash(ApiToken token, TokenDigest digest) {
    return database.run(dsl -> dsl.update(API_TOKEN)
        .set(API_TOKEN.DIGEST, digest.bytes())
        .set(API_TOKEN.PEPPER_KEY_ID, digest.keyId())
        .where(API_TOKEN.ID.eq(token.id().value()), API_TOKEN.DIGEST.eq(token.digest().bytes()),
            API_TOKEN.PEPPER_KEY_ID.eq(token.digest().keyId()), API_TOKEN.DELETE_TIME.isNull())
        .execute()) == 1;
  }

  @Override
  public Optional<ApiToken> findById(TenantId tenantId, Actor owner, ApiTokenId id) {
    if (owner instanceof Actor.Operator) {
      return Optional.empty();
    }
    return database.run(dsl -> dsl.selectFrom(API_TOKEN)
            .where(ofOwner(tenantId, owner), API_TOKEN.ID.eq(id.value()), API_TOKEN.DELETE_TIME.isNull())
            .fetchOptional())
        .map(JooqApiTokenRepository::toToken);
  }

  @Override
  public Page<ApiToken> listByOwner(TenantId tenantId, Actor owner, PageRequest request) {
    if (owner instanceof Actor.Operator) {
      return new Page<>(List.of(), Optional.empty());
    }
    // Ids are UUIDv7: newest first is id descending, and the last id is a stable keyset cursor.
    Condition after = request.cursor().map(c -> API_TOKEN.ID.lt(UUID.fromString(c))).orElse(DSL.noCondition());
    List<ApiTokenRecord> rows = database.run(dsl -> dsl.selectFrom(API_TOKEN)
        .where(ofOwner(tenantId, owner), API_TOKEN.DELETE_TIME.isNull(), after)
        .orderBy(API_TOKEN.ID.desc())
        .limit(request.size() + 1)
        .fetch());
    boolean more = rows.size() > request.size();
    List<ApiToken> items = rows.stream().limit(request.size()).map(JooqApiTokenRepository::toToken).toList();
    return new Page<>(items, more ? Optional.of(items.getLast().id().toString()) : Optional.empty());
  }

  @Override
  public int countByOwner(TenantId tenantId, Actor owner) {
    if (owner instanceof Actor.Operator) {
      return 0;
    }
    return database.run(dsl -> dsl.fetchCount(API_TOKEN, ofOwner(tenantId, owner), API_TOKEN.DELETE_TIME.isNull()));
  }

  @Override
  public boolean delete(TenantId tenantId, Actor owner, ApiTokenId id, Instant when) {
    if (owner instanceof Actor.Operator) {
      return false;
    }
    return database.run(dsl -> dsl.update(API_TOKEN)
        .set(API_TOKEN.DELETE_TIME, Rows.time(when))
        .where(ofOwner(tenantId, owner), API_TOKEN.ID.eq(id.value()), API_TOKEN.DELETE_TIME.isNull())
        .execute()) == 1;
  }

  @Override
  public int deleteAllOf(TenantId tenantId, Actor owner, Instant when) {
    if (owner instanceof Actor.Operator) {
      return 0;
    }
    return database.run(dsl -> dsl.update(API_TOKEN)
        .set(API_TOKEN.DELETE_TIME, Rows.time(when))
        .where(ofOwner(tenantId, owner), API_TOKEN.DELETE_TIME.isNull())
        .execute());
  }

  /**
   * One statement for the whole batch: {@code update api_token set last_use_time = v.t from
   * unnest(ids, times) v(id, t) where id = v.id and (last_use_time is null or last_use_time < v.t)}.
   * Rows whose time would not rise are not touched at all.
   */
  @Override
  public void recordLastUse(Map<ApiTokenId, Instant> lastUse) {
    if (lastUse.isEmpty()) {
      return;
    }
    // In id order, so that concurrent batches of several instances tend to lock rows in one order.
    List<Map.Entry<ApiTokenId, Instant>> entries = lastUse.entrySet().stream()
        .sorted(Comparator.comparing(e -> e.getKey().value()))
        .toList();
    UUID[] ids = entries.stream().map(e -> e.getKey().value()).toArray(UUID[]::new);
    OffsetDateTime[] times = entries.stream().map(e -> Rows.time(e.getValue())).toArray(OffsetDateTime[]::new);
    Table<?> uses = DSL.table("unnest({0}, {1}) as v(id, t)",
        DSL.val(ids, SQLDataType.UUID.array()), DSL.val(times, SQLDataType.TIMESTAMPWITHTIMEZONE.array()));
    Field<UUID> usedId = DSL.field(DSL.name("v", "id"), SQLDataType.UUID);
    Field<OffsetDateTime> usedAt = DSL.field(DSL.name("v", "t"), SQLDataType.TIMESTAMPWITHTIMEZONE);
    database.run(dsl -> dsl.update(API_TOKEN)
        .set(API_TOKEN.LAST_USE_TIME, usedAt)
        .from(uses)
        .where(API_TOKEN.ID.eq(usedId), API_TOKEN.LAST_USE_TIME.isNull().or(API_TOKEN.LAST_USE_TIME.lt(usedAt)))
        .execute());
  }

  private static Condition ofOwner(TenantId tenantId, Actor owner) {
    return API_TOKEN.TENANT_ID.eq(tenantId.value())
        .and(API_TOKEN.OWNER_TYPE.eq(ownerType(owner)))
        .and(API_TOKEN.OWNER_ID.eq(ownerId(owner)));
  }

  private static String ownerType(Actor owner) {
    return switch (owner) {
      case Actor.UserRef u -> USER;
      case Actor.PrivateAppRef a -> PRIVATE_APP;
      case Actor.Operator o -> throw new IllegalArgumentException("the operator owns no stored token");
      case Actor.TenantIngest i -> throw new IllegalArgumentException("the ingest token holder owns no API token");
    };
  }

  private static java.util.UUID ownerId(Actor owner) {
    return switch (owner) {
      case Actor.UserRef u -> u.id().value();
      case Actor.PrivateAppRef a -> a.id().value();
      case Actor.Operator o -> throw new IllegalArgumentException("the operator owns no stored token");
      case Actor.TenantIngest i -> throw new IllegalArgumentException("the ingest token holder owns no API token");
    };
  }

  private static ApiToken toToken(ApiTokenRecord r) {
    Actor owner = switch (r.getOwnerType()) {
      case USER -> new Actor.UserRef(new UserId(r.getOwnerId()));
      case PRIVATE_APP -> new Actor.PrivateAppRef(new PrivateAppId(r.getOwnerId()));
      default -> throw new IllegalStateException("unknown owner type in api_token " + r.getId());
    };
    Actor creator = Actor.fromResourceName(r.getCreator())
        .orElseThrow(() -> new IllegalStateException("unreadable creator in api_token " + r.getId()));
    return new ApiToken(new TenantId(r.getTenantId()), new ApiTokenId(r.getId()), owner,
        DisplayName.stored(r.getDisplayName()), r.getDisplayPrefix(),
        new TokenDigest(r.getPepperKeyId(), r.getDigest()), Rows.instant(r.getCreateTime()), creator,
        Rows.nullableInstant(r.getLastUseTime()));
  }
}
