package dev.latchkey.domain.record;

import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.ApiTokenId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a record's history: who changed it, when, through which token, which fields, and
 * the state it was left in (for a deletion: the state it had).
 *
 * @param version the record's version after the change (a deletion counts one more)
 * @param changedFields the paths that changed: {@code external_id} and {@code fields.<key>}; empty
 *     for a deletion
 * @param token the token used; null when the operator acted for the user
 * @param means the operator when it acted for the user; null otherwise
 */
public record RecordRevision(
    TenantId tenantId,
    DataModel dataModel,
    RecordId recordId,
    long version,
    Kind kind,
    Instant time,
    Actor actor,
    @Nullable ApiTokenId token,
    @Nullable Actor means,
    List<String> changedFields,
    Optional<ExternalId> externalId,
    RecordFields fields) {

  /** What happened to the record. */
  public enum Kind {
    CREATED,
    UPDATED,
    DELETED
  }

  public RecordRevision {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(dataModel, "dataModel");
    Objects.requireNonNull(recordId, "recordId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(actor, "actor");
    changedFields = List.copyOf(changedFields);
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(fields, "fields");
  }

  /** {@code dataModels/{data_model}/records/{record}/revisions/{version}}. */
  public String resourceName() {
    return DataRecord.name(dataModel, recordId) + "/revisions/" + version;
  }
}
