package dev.latchkey.adapter.postgres;

import static dev.latchkey.adapter.postgres.schema.Tables.INGEST_TOKEN;

import dev.latchkey.adapter.postgres.schema.tables.records.IngestTokenRecord;
import dev.latchkey.application.port.out.IngestTokenRepository;
import dev.latchkey.domain.analytics.IngestToken;
import dev.latchkey.domain.error.ConflictException;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.TokenDigest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.exception.DataAccessException;

/** Ingest tokens in the {@code ingest_token} table. */
public final class JooqIngestTokenRepository implements IngestTokenRepository {
  private final Database database;

  @Inject
  public JooqIngestTokenRepository(Database database) {
    this.database = database;
  }

  @Override
  public void insert(IngestToken token) {
    try {
      database.run(dsl -> dsl.insertInto(INGEST_TOKEN)
          .set(INGEST_TOKEN.TENANT_ID, token.tenantId().value())
          .set(INGEST_TOKEN.ID, token.id())
          .set(INGEST_TOKEN.DISPLAY_PREFIX, token.prefix())
          .set(INGEST_TOKEN.DIGEST, token.digest().bytes())
          .set(INGEST_TOKEN.PEPPER_KEY_ID, token.digest().keyId())
          .set(INGEST_TOKEN.CREATE_TIME, Rows.time(token.createTime()))
          .set(INGEST_TOKEN.LAST_USE_TIME, Rows.nullableTime(token.lastUseTime().orElse(null)))
          .set(INGEST_TOKEN.EXPIRE_TIME, Rows.nullableTime(token.expireTime().orElse(null)))
          .execute());
    } catch (DataAccessException e) {
      if (PostgresErrors.violatedUniqueConstraint(e).filter("ingest_token_current_key"::equals).isPresent()) {
        throw new ConflictException("the ingest token was rotated concurrently; retry");
      }
      throw e;
    }
  }

  @Override
  public Optional<IngestToken> findByDigest(TokenDigest digest) {
    return database.run(dsl -> dsl.selectFrom(INGEST_TOKEN)
            .where(INGEST_TOKEN.DIGEST.eq(digest.bytes()), INGEST_TOKEN.PEPPER_KEY_ID.eq(digest.keyId()))
            .fetchOptional())
        .map(JooqIngestTokenRepository::toToken);
  }

  @Override
  public List<IngestToken> findByTenant(TenantId tenantId) {
    return database.run(dsl -> dsl.selectFrom(INGEST_TOKEN)
            .where(INGEST_TOKEN.TENANT_ID.eq(tenantId.value()))
            .orderBy(INGEST_TOKEN.CREATE_TIME.desc())
            .forUpdate()
            .fetch())
        .map(JooqIngestTokenRepository::toToken);
  }

  @Override
  public void expire(IngestToken token, Instant at) {
    database.run(dsl -> dsl.update(INGEST_TOKEN)
        .set(INGEST_TOKEN.EXPIRE_TIME, Rows.time(at))
        .where(INGEST_TOKEN.TENANT_ID.eq(token.tenantId().value()), INGEST_TOKEN.ID.eq(token.id()))
        .execute());
  }

  @Override
  public void delete(IngestToken token) {
    database.run(dsl -> dsl.deleteFrom(INGEST_TOKEN)
        .where(INGEST_TOKEN.TENANT_ID.eq(token.tenantId().value()), INGEST_TOKEN.ID.eq(token.id()))
        .execute());
  }

  @Override
  public void rehash(IngestToken token, TokenDigest digest) {
    database.run(dsl -> dsl.update(INGEST_TOKEN)
        .set(INGEST_TOKEN.DIGEST, digest.bytes())
        .set(INGEST_TOKEN.PEPPER_KEY_ID, digest.keyId())
        .where(INGEST_TOKEN.TENANT_ID.eq(token.tenantId().value()), INGEST_TOKEN.ID.eq(token.id()),
            INGEST_TOKEN.DIGEST.eq(token.digest().bytes()))
        .execute());
  }

  @Override
  public void used(IngestToken token, Instant when) {
    database.run(dsl -> dsl.update(INGEST_TOKEN)
        .set(INGEST_TOKEN.LAST_USE_TIME, Rows.time(when))
        .where(INGEST_TOKEN.TENANT_ID.eq(token.tenantId().value()), INGEST_TOKEN.ID.eq(token.id()),
            INGEST_TOKEN.LAST_USE_TIME.isNull().or(INGEST_TOKEN.LAST_USE_TIME.lt(Rows.time(when))))
        .execute());
  }

  private static IngestToken toToken(IngestTokenRecord r) {
    return new IngestToken(new TenantId(r.getTenantId()), r.getId(), r.getDisplayPrefix(),
        new TokenDigest(r.getPepperKeyId(), r.getDigest()), Rows.instant(r.getCreateTime()),
        Optional.ofNullable(Rows.nullableInstant(r.getLastUseTime())),
        Optional.ofNullable(Rows.nullableInstant(r.getExpireTime())));
  }
}
