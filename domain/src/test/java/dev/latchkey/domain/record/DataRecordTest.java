package dev.latchkey.domain.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.domain.change.ChangeEvent;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.PrivateAppId;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.user.UserId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DataRecordTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final Actor app = new Actor.PrivateAppRef(new PrivateAppId(UUID.randomUUID()));
  private final Actor person = new Actor.UserRef(new UserId(UUID.randomUUID()));
  private final DataRecord record = DataRecord.create(new TenantId(UUID.randomUUID()), DataModel.COMPANIES,
      new RecordId(UUID.randomUUID()), Optional.of(new ExternalId("c-1")),
      RecordFields.of(Map.of("name", text("Acme"), "tier", text("gold"))), app, T0, 1).value();

  @Test
  void aNewRecordIsVersionOneCreatedAndUpdatedByItsCreator() {
    assertThat(record.version()).isEqualTo(1);
    assertThat(record.creator()).isEqualTo(app);
    assertThat(record.updater()).isEqualTo(app);
    assertThat(record.resourceName()).isEqualTo("dataModels/companies/records/" + record.id());
  }

  @Test
  void anUpdateNamesTheChangedKeysAndTheNewUpdater() {
    var change = record.apply(new DataRecord.Patch(Optional.empty(), Optional.empty(),
        Map.of("tier", Optional.of(text("silver")))), person, T0.plusSeconds(1), 2).orElseThrow();

    assertThat(change.value().version()).isEqualTo(2);
    assertThat(change.value().updater()).isEqualTo(person);
    assertThat(change.value().creator()).isEqualTo(app);
    assertThat(change.value().sequence()).isEqualTo(2);
    assertThat(change.event()).isEqualTo(new ChangeEvent.RecordUpdated(change.value(), java.util.Set.of("tier"), false));
    assertThat(change.event().audited()).isFalse();
    assertThat(change.event().affectsCredentials()).isFalse();
    assertThat(change.event().target()).isEqualTo(record.resourceName());
  }

  @Test
  void replacingWithTheSameFieldsChangesNothing() {
    assertThat(record.replaceFields(record.fields(), person, T0.plusSeconds(1), 2)).isEmpty();
    assertThat(record.apply(new DataRecord.Patch(Optional.of(record.externalId()), Optional.empty(), Map.of()),
        person, T0.plusSeconds(1), 2)).isEmpty();
  }

  @Test
  void clearingTheExternalIdIsAChange() {
    var change = record.apply(new DataRecord.Patch(Optional.of(Optional.empty()), Optional.empty(), Map.of()),
        person, T0.plusSeconds(1), 2).orElseThrow();

    assertThat(change.value().externalId()).isEmpty();
    assertThat(((ChangeEvent.RecordUpdated) change.event()).externalIdChanged()).isTrue();
  }

  @Test
  void administrativeModelsHoldNoRecordsAndTheOperatorWritesNone() {
    assertThatThrownBy(() -> DataRecord.create(record.tenantId(), DataModel.USERS, record.id(), Optional.empty(),
        RecordFields.empty(), app, T0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DataRecord.create(record.tenantId(), DataModel.COMPANIES, record.id(), Optional.empty(),
        RecordFields.empty(), new Actor.Operator(), T0, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deletingCarriesTheLastState() {
    assertThat(record.delete().record()).isEqualTo(record);
    assertThat(record.delete().dataModel()).isEqualTo(DataModel.COMPANIES);
  }

  private static FieldValue text(String value) {
    return new FieldValue.StringValue(value);
  }
}
