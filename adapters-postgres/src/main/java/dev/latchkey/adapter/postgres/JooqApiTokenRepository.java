package dev.latchkey.adapter.postgres;

import static dev.latchkey.adapter.postgres.schema.Tables.API_TOKEN;

import dev.latchkey.adapter.postgres.schema.tables.records.ApiTokenRecord;
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
import java.util.Optional;

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
        .set(API_TOKEN.LAST_USE_TIME, Rows.time(token.lastUseTime()))
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

  private static String ownerType(Actor owner) {
    return switch (owner) {
      case Actor.UserRef u -> USER;
      case Actor.PrivateAppRef a -> PRIVATE_APP;
      case Actor.Operator o -> throw new IllegalArgumentException("the operator owns no stored token");
    };
  }

  private static java.util.UUID ownerId(Actor owner) {
    return switch (owner) {
      case Actor.UserRef u -> u.id().value();
      case Actor.PrivateAppRef a -> a.id().value();
      case Actor.Operator o -> throw new IllegalArgumentException("the operator owns no stored token");
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
        new DisplayName(r.getDisplayName()), r.getDisplayPrefix(),
        new TokenDigest(r.getPepperKeyId(), r.getDigest()), Rows.instant(r.getCreateTime()), creator,
        Rows.instant(r.getLastUseTime()));
  }
}
