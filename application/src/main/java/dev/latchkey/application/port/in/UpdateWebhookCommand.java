package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.webhook.WebhookId;
import dev.latchkey.domain.webhook.WebhookState;
import dev.latchkey.domain.webhook.WebhookUrl;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Changes to a webhook: each present field is set. Write-only values may be left empty to keep the
 * stored ones, except when the URL's host changes.
 *
 * @param basicAuth present: set it; an empty username removes Basic auth, an empty password keeps
 *     the stored one
 * @param headers present: the new list; a hidden header with an empty value keeps the stored value of
 *     the hidden header of that name
 */
public record UpdateWebhookCommand(
    WebhookId id,
    Optional<DisplayName> displayName,
    Optional<WebhookUrl> url,
    Optional<List<String>> eventTypes,
    Optional<BasicAuthInput> basicAuth,
    Optional<List<HeaderInput>> headers,
    Optional<WebhookState> state,
    OptionalLong expectedVersion) implements Request {
  public UpdateWebhookCommand {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(eventTypes, "eventTypes");
    Objects.requireNonNull(basicAuth, "basicAuth");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(expectedVersion, "expectedVersion");
  }

  /** Basic credentials as sent; an empty password means "keep the stored one". */
  public record BasicAuthInput(String username, String password) {
    @Override
    public String toString() {
      return "BasicAuthInput[" + username + ", redacted]";
    }
  }

  /** A header as sent; a hidden one with an empty value means "keep the stored value". */
  public record HeaderInput(String name, String value, boolean hidden) {
    @Override
    public String toString() {
      return "HeaderInput[" + name + (hidden ? ", redacted]" : ", " + value + "]");
    }
  }

  @Override
  public Operation operation() {
    return Operation.UPDATE_WEBHOOK;
  }
}
