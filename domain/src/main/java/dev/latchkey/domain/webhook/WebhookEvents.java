package dev.latchkey.domain.webhook;

import dev.latchkey.domain.change.ChangeEvent;
import dev.latchkey.domain.record.DataRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The one mapping from a change to what webhooks receive about it: a change that customers may
 * subscribe to becomes an event (its type is listed in {@link
 * dev.latchkey.domain.permission.WebhookEventTypes}); any other change becomes nothing. Record
 * events are {@code <model>.created|updated|deleted}.
 */
public final class WebhookEvents {
  private WebhookEvents() {}

  /** The webhook event {@code change} causes, if any. */
  public static Optional<WebhookEvent> of(ChangeEvent change) {
    return switch (change) {
      case ChangeEvent.ApiTokenCreated e -> event("api_token.created", data()
          .put("name", e.token().resourceName())
          .put("display_name", e.token().displayName().value())
          .put("prefix", e.token().displayPrefix()));
      case ChangeEvent.ApiTokenDeleted e -> event("api_token.deleted", data().put("name", e.target()));
      case ChangeEvent.PrivateAppCreated e -> event("private_app.created", data()
          .put("name", e.app().resourceName())
          .put("display_name", e.app().displayName().value()));
      case ChangeEvent.PrivateAppUpdated e -> event("private_app.updated", data().put("name", e.target()));
      case ChangeEvent.PrivateAppDisabled e -> event("private_app.disabled", data().put("name", e.target()));
      case ChangeEvent.PrivateAppEnabled e -> event("private_app.enabled", data().put("name", e.target()));
      case ChangeEvent.PrivateAppDeleted e -> event("private_app.deleted", data().put("name", e.target()));
      case ChangeEvent.UserCreated e -> event("user.created", data().put("name", e.target()));
      case ChangeEvent.UserDeactivated e -> event("user.deactivated", data().put("name", e.target()));
      case ChangeEvent.UserReactivated e -> event("user.reactivated", data().put("name", e.target()));
      case ChangeEvent.UserDeleted e -> event("user.deleted", data().put("name", e.target()));
      case ChangeEvent.RecordCreated e -> record(e, "created", null);
      case ChangeEvent.RecordUpdated e -> record(e, "updated", e.changedKeys());
      case ChangeEvent.RecordDeleted e -> record(e, "deleted", null);
      case ChangeEvent.IngestTokenRotated e -> Optional.empty();
      // Tenant set-up, roles, user edits, rate limits and webhooks themselves are not offered.
      case ChangeEvent.TenantCreated e -> Optional.empty();
      case ChangeEvent.RoleCreated e -> Optional.empty();
      case ChangeEvent.RoleUpdated e -> Optional.empty();
      case ChangeEvent.RoleDeleted e -> Optional.empty();
      case ChangeEvent.UserUpdated e -> Optional.empty();
      case ChangeEvent.AccountHolderTransferred e -> Optional.empty();
      case ChangeEvent.RateLimitUpdated e -> Optional.empty();
      case ChangeEvent.WebhookChanged e -> Optional.empty();
    };
  }

  /**
   * {@code <model>.<verb>} with the record as the API shows it (for a deletion: its last state) and,
   * for an update, the top-level keys whose value changed.
   */
  private static Optional<WebhookEvent> record(
      ChangeEvent.RecordChange change, String verb, java.util.@Nullable Set<String> changedKeys) {
    DataRecord r = change.record();
    StringBuilder json = new StringBuilder("{\"name\":").append(Json.string(r.resourceName()));
    r.externalId().ifPresent(x -> json.append(",\"external_id\":").append(Json.string(x.value())));
    json.append(",\"fields\":").append(r.fields().toJson())
        .append(",\"create_time\":").append(Json.string(r.createTime().toString()))
        .append(",\"update_time\":").append(Json.string(r.updateTime().toString()))
        .append(",\"creator\":").append(Json.string(r.creator().resourceName()))
        .append(",\"updater\":").append(Json.string(r.updater().resourceName()));
    if (changedKeys != null) {
      json.append(",\"changed_keys\":[");
      String sep = "";
      for (String key : changedKeys) {
        json.append(sep).append(Json.string(key));
        sep = ",";
      }
      json.append(']');
    }
    return Optional.of(new WebhookEvent(r.dataModel().apiName() + "." + verb, json.append('}').toString()));
  }

  private static Optional<WebhookEvent> event(String type, Data data) {
    return Optional.of(new WebhookEvent(type, Json.object(data.fields)));
  }

  private static Data data() {
    return new Data();
  }

  private static final class Data {
    private final Map<String, String> fields = new LinkedHashMap<>();

    Data put(String key, String value) {
      fields.put(key, value);
      return this;
    }
  }
}
