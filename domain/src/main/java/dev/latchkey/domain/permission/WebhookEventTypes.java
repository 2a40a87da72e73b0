package dev.latchkey.domain.permission;

import java.util.ArrayList;
import java.util.List;

/**
 * The catalog of event types a webhook can subscribe to: {@code <model>.created|updated|deleted}
 * for every business data model, and the credential events. {@code webhook.test} is sent by
 * {@code TestWebhook} to any webhook and needs no subscription.
 */
public final class WebhookEventTypes {
  /** One type with what it means. */
  public record EventType(String name, String description) {}

  private static final List<EventType> CREDENTIAL_EVENTS = List.of(
      new EventType("api_token.created", "An API access token or personal access token was created."),
      new EventType("api_token.deleted", "A token was deleted."),
      new EventType("private_app.created", "A private app was created."),
      new EventType("private_app.updated", "A private app's name, description or grants changed."),
      new EventType("private_app.disabled", "A private app was disabled: its tokens stop working."),
      new EventType("private_app.enabled", "A private app was enabled again."),
      new EventType("private_app.deleted", "A private app was deleted with its tokens."),
      new EventType("user.created", "A team member was added."),
      new EventType("user.deactivated", "A team member was deactivated: their tokens stop working."),
      new EventType("user.reactivated", "A team member was reactivated."),
      new EventType("user.deleted", "A team member was deleted with their tokens."));

  private static final List<EventType> ALL = build();

  private WebhookEventTypes() {}

  private static List<EventType> build() {
    List<EventType> all = new ArrayList<>();
    for (DataModel model : DataModel.values()) {
      if (model.kind() == DataModelKind.BUSINESS) {
        all.add(new EventType(model.apiName() + ".created", "A record of " + model.apiName() + " was created."));
        all.add(new EventType(model.apiName() + ".updated", "A record of " + model.apiName() + " was updated."));
        all.add(new EventType(model.apiName() + ".deleted", "A record of " + model.apiName() + " was deleted."));
      }
    }
    all.addAll(CREDENTIAL_EVENTS);
    return List.copyOf(all);
  }

  /** Every type a webhook may subscribe to, record events first. */
  public static List<EventType> all() {
    return ALL;
  }

  public static boolean isKnown(String name) {
    return ALL.stream().anyMatch(t -> t.name().equals(name));
  }
}
