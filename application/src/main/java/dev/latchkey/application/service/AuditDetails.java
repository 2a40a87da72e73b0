package dev.latchkey.application.service;

import dev.latchkey.domain.change.ChangeEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How the audit trail shows a change: field to new value, never a secret. The keys and values are
 * what {@code ListAuditEvents} returns; they do not change when the events do.
 */
final class AuditDetails {
  private final Map<String, String> details = new LinkedHashMap<>();

  private AuditDetails() {}

  static Map<String, String> of(ChangeEvent event) {
    AuditDetails d = new AuditDetails();
    switch (event) {
      case ChangeEvent.TenantCreated e -> d.put("display_name", e.tenant().displayName().value());
      case ChangeEvent.RoleCreated e -> d
          .put("display_name", e.role().displayName().value())
          .put("grants", Grants.describe(e.role().grants()))
          .put("api_access", Boolean.toString(e.role().apiAccess()));
      case ChangeEvent.RoleUpdated e -> d
          .putIf("display_name", e.displayName(), v -> v.value())
          .putIf("grants", e.grants(), Grants::describe)
          .putIf("api_access", e.apiAccess(), v -> Boolean.toString(v));
      case ChangeEvent.RoleDeleted e -> d.put("display_name", e.role().displayName().value());
      case ChangeEvent.UserCreated e -> {
        d.put("email", e.user().email().value())
            .put("display_name", e.user().displayName().value())
            .put("role", "roles/" + e.user().roleId());
        if (e.user().accountHolder()) {
          d.put("account_holder", "true");
        }
      }
      case ChangeEvent.UserUpdated e -> d
          .putIf("display_name", e.displayName(), v -> v.value())
          .putIf("role", e.role(), v -> "roles/" + v);
      case ChangeEvent.UserDeactivated e -> d.put("state", "DEACTIVATED");
      case ChangeEvent.UserReactivated e -> d.put("state", "ACTIVE");
      case ChangeEvent.UserDeleted e -> d
          .put("email", e.user().email().value())
          .put("tokens_deleted", Integer.toString(e.tokensDeleted()));
      case ChangeEvent.AccountHolderTransferred e -> d
          .put("from", e.from().resourceName())
          .put("to", e.to().resourceName());
      case ChangeEvent.PrivateAppCreated e -> d
          .put("display_name", e.app().displayName().value())
          .put("description", e.app().description().value())
          .put("grants", Grants.describe(e.app().grants()))
          .put("copied_from", e.copiedFrom().orElse(""));
      case ChangeEvent.PrivateAppUpdated e -> d
          .putIf("display_name", e.displayName(), v -> v.value())
          .putIf("description", e.description(), v -> v.value())
          .putIf("grants", e.grants(), Grants::describe);
      case ChangeEvent.PrivateAppEnabled e -> d.put("state", "ENABLED");
      case ChangeEvent.PrivateAppDisabled e -> d.put("state", "DISABLED");
      case ChangeEvent.PrivateAppDeleted e -> d.put("tokens_deleted", Integer.toString(e.tokensDeleted()));
      case ChangeEvent.ApiTokenCreated e -> d
          .put("display_name", e.token().displayName().value())
          .put("prefix", e.token().displayPrefix());
      case ChangeEvent.RateLimitUpdated e -> d
          .put("requests_per_minute", Long.toString(e.after().value()))
          .put("previous_requests_per_minute", Long.toString(e.before().value()));
      case ChangeEvent.IngestTokenRotated e -> d
          .put("prefix", e.prefix())
          .put("overlap", e.overlap().toString())
          .put("previous_expire_time", e.previousExpireTime().map(Object::toString).orElse(""));
      case ChangeEvent.ApiTokenDeleted e -> {
        // The target says everything: which token of which owner.
      }
      case ChangeEvent.RecordChange e -> {
        // Not audited (see ChangeEvent.audited): the record's revision history holds the details.
      }
      case ChangeEvent.WebhookChanged w -> webhook(d, w);
    }
    return d.details;
  }

  /** Names and URLs, never a password, a hidden value or a signing secret. */
  private static void webhook(AuditDetails d, ChangeEvent.WebhookChanged event) {
    switch (event) {
      case ChangeEvent.WebhookCreated e -> d
          .put("display_name", e.webhook().displayName().value())
          .put("url", e.webhook().url().value())
          .put("event_types", String.join(",", e.webhook().eventTypes()));
      case ChangeEvent.WebhookUpdated e -> d
          .put("fields", String.join(",", e.fields()))
          .put("state", e.state().name());
      case ChangeEvent.WebhookDeleted e -> {
        // The target says which.
      }
      case ChangeEvent.WebhookSecretRotated e -> {
        // The target says which; the secrets are nobody's business here.
      }
      case ChangeEvent.WebhookAutoDisabled e -> d.put("state", "DISABLED").put("reason", e.reason());
    }
  }

  private AuditDetails put(String key, String value) {
    details.put(key, value);
    return this;
  }

  private <T> AuditDetails putIf(String key, Optional<T> value, Function<T, String> render) {
    value.ifPresent(v -> details.put(key, render.apply(v)));
    return this;
  }
}
