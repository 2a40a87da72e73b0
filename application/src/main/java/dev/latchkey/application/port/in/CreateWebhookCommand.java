package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.webhook.BasicAuth;
import dev.latchkey.domain.webhook.WebhookHeader;
import dev.latchkey.domain.webhook.WebhookState;
import dev.latchkey.domain.webhook.WebhookUrl;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A new webhook: where to, which events, with which credentials; enabled or not. */
public record CreateWebhookCommand(DisplayName displayName, WebhookUrl url, List<String> eventTypes, Optional<BasicAuth> basicAuth, List<WebhookHeader> headers, WebhookState state) implements Request {
  public CreateWebhookCommand {
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(url, "url");
    eventTypes = List.copyOf(eventTypes);
    Objects.requireNonNull(basicAuth, "basicAuth");
    headers = List.copyOf(headers);
    Objects.requireNonNull(state, "state");
  }

  @Override
  public Operation operation() {
    return Operation.CREATE_WEBHOOK;
  }
}
