package dev.latchkey.domain.webhook;

import dev.latchkey.domain.change.ChangeEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one mapping from a change to what webhooks receive about it: a change that customers may
 * subscribe to becomes an event (its type is listed in {@link
 * dev.latchkey.domain.permission.WebhookEventTypes}); any other change becomes nothing. Record
 * events ({@code <model>.created|updated|deleted}) join here as cases of this switch.
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
