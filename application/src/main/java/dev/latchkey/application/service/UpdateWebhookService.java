package dev.latchkey.application.service;

import dev.latchkey.application.port.in.UpdateWebhookCommand;
import dev.latchkey.application.port.in.UpdateWebhookUseCase;
import dev.latchkey.application.port.out.UserRepository;
import dev.latchkey.application.port.out.WebhookRepository;
import dev.latchkey.domain.change.Change;
import dev.latchkey.domain.change.ChangeEvent;
import dev.latchkey.domain.common.InvalidValueException;
import dev.latchkey.domain.error.FailedPreconditionException;
import dev.latchkey.domain.error.InvalidArgumentException;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.webhook.BasicAuth;
import dev.latchkey.domain.webhook.Webhook;
import dev.latchkey.domain.webhook.WebhookHeader;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies an update mask's changes to a webhook, guarded by its version. Write-only values left
 * empty keep the stored ones, unless the URL's host changes: then they must be sent again, so that
 * a credential meant for one host is never sent to another by someone who never knew it.
 */
public final class UpdateWebhookService extends AccountHolderService<UpdateWebhookCommand, Webhook>
    implements UpdateWebhookUseCase {
  private final WebhookRepository webhooks;
  private final VersionedUpdate update;

  @Inject
  public UpdateWebhookService(UserRepository users, WebhookRepository webhooks, VersionedUpdate update) {
    super(users);
    this.webhooks = webhooks;
    this.update = update;
  }

  @Override
  protected Webhook handleForAccountHolder(Principal.TenantPrincipal caller, UpdateWebhookCommand command) {
    command.eventTypes().ifPresent(types -> Webhooks.checkEventTypes(types, "webhook.event_types"));
    return update.run(caller, command.expectedVersion(), VersionedUpdate.steps(
        () -> Webhooks.load(webhooks, caller.tenantId(), command.id()),
        (current, now) -> apply(current, command, now),
        webhooks::update));
  }

  private static Optional<Change<Webhook>> apply(Webhook current, UpdateWebhookCommand command, Instant now) {
    boolean hostChanges = command.url().isPresent() && !command.url().get().host().equals(current.url().host());
    Optional<BasicAuth> basicAuth = command.basicAuth().isPresent()
        ? basicAuth(current, command.basicAuth().get(), hostChanges)
        : current.basicAuth();
    if (hostChanges && command.basicAuth().isEmpty() && current.basicAuth().isPresent()) {
      throw new FailedPreconditionException("the URL's host changes: send basic_auth again (with its password, "
          + "and basic_auth in update_mask), or remove it");
    }
    List<WebhookHeader> headers = command.headers().isPresent()
        ? headers(current, command.headers().get(), hostChanges)
        : current.headers();
    if (hostChanges && command.headers().isEmpty() && current.headers().stream().anyMatch(WebhookHeader::hidden)) {
      throw new FailedPreconditionException("the URL's host changes: send the headers again with the values of the "
          + "hidden ones (and headers in update_mask)");
    }
    Webhook changed = current.next(now, w -> {
      Webhook edited = w;
      edited = edited.withDisplayName(command.displayName().orElse(w.displayName()));
      edited = edited.withUrl(command.url().orElse(w.url()));
      edited = edited.withEventTypes(command.eventTypes().orElse(w.eventTypes()));
      edited = edited.withBasicAuth(basicAuth).withHeaders(headers);
      if (command.state().isPresent() && command.state().get() != w.state()) {
        edited = edited.withState(command.state().get(), "");
      }
      return edited;
    });
    List<String> fields = new ArrayList<>();
    note(fields, "display_name", current.displayName(), changed.displayName());
    note(fields, "url", current.url(), changed.url());
    note(fields, "event_types", current.eventTypes(), changed.eventTypes());
    note(fields, "basic_auth", current.basicAuth(), changed.basicAuth());
    note(fields, "headers", current.headers(), changed.headers());
    note(fields, "state", current.state(), changed.state());
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Change<>(changed, new ChangeEvent.WebhookUpdated(current.id(), fields, changed.state())));
  }

  private static void note(List<String> fields, String name, Object before, Object after) {
    if (!Objects.equals(before, after)) {
      fields.add(name);
    }
  }

  private static Optional<BasicAuth> basicAuth(
      Webhook current, UpdateWebhookCommand.BasicAuthInput input, boolean hostChanges) {
    if (input.username().isEmpty()) {
      return Optional.empty();
    }
    String password = input.password();
    if (password.isEmpty()) {
      if (hostChanges && current.basicAuth().isPresent()) {
        throw new FailedPreconditionException("the URL's host changes: send basic_auth.password again");
      }
      password = current.basicAuth().map(BasicAuth::password).orElse("");
    }
    try {
      return Optional.of(new BasicAuth(input.username(), password));
    } catch (InvalidValueException e) {
      throw new InvalidArgumentException("webhook.basic_auth", Objects.requireNonNullElse(e.getMessage(), "invalid"));
    }
  }

  private static List<WebhookHeader> headers(
      Webhook current, List<UpdateWebhookCommand.HeaderInput> inputs, boolean hostChanges) {
    List<WebhookHeader> headers = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      var input = inputs.get(i);
      String value = input.value();
      if (input.hidden() && value.isEmpty()) {
        Optional<WebhookHeader> stored = current.headers().stream()
            .filter(h -> h.hidden() && h.name().equalsIgnoreCase(input.name())).findFirst();
        if (stored.isEmpty()) {
          throw new InvalidArgumentException("webhook.headers[" + i + "].value",
              "a new hidden header needs its value");
        }
        if (hostChanges) {
          throw new FailedPreconditionException("the URL's host changes: send the value of hidden header "
              + input.name() + " again");
        }
        value = stored.get().value();
      }
      try {
        headers.add(new WebhookHeader(input.name(), value, input.hidden()));
      } catch (InvalidValueException e) {
        throw new InvalidArgumentException("webhook.headers[" + i + "]",
            Objects.requireNonNullElse(e.getMessage(), "invalid"));
      }
    }
    return headers;
  }
}
