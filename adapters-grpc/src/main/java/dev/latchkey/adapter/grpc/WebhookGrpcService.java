package dev.latchkey.adapter.grpc;

import com.google.protobuf.Empty;
import dev.latchkey.adapter.grpc.auth.CallPrincipal;
import dev.latchkey.adapter.grpc.mapping.ProtoMapper;
import dev.latchkey.adapter.grpc.mapping.ProtoRequests;
import dev.latchkey.adapter.grpc.mapping.RequestFields;
import dev.latchkey.application.paging.Page;
import dev.latchkey.application.port.in.CreateWebhookCommand;
import dev.latchkey.application.port.in.CreateWebhookUseCase;
import dev.latchkey.application.port.in.CreatedWebhook;
import dev.latchkey.application.port.in.DeleteWebhookCommand;
import dev.latchkey.application.port.in.DeleteWebhookUseCase;
import dev.latchkey.application.port.in.GetWebhookQuery;
import dev.latchkey.application.port.in.GetWebhookUseCase;
import dev.latchkey.application.port.in.ListWebhookDeliveriesQuery;
import dev.latchkey.application.port.in.ListWebhookDeliveriesUseCase;
import dev.latchkey.application.port.in.ListWebhookEventTypesQuery;
import dev.latchkey.application.port.in.ListWebhookEventTypesUseCase;
import dev.latchkey.application.port.in.ListWebhooksQuery;
import dev.latchkey.application.port.in.ListWebhooksUseCase;
import dev.latchkey.application.port.in.PageQuery;
import dev.latchkey.application.port.in.RotateWebhookSecretCommand;
import dev.latchkey.application.port.in.RotateWebhookSecretUseCase;
import dev.latchkey.application.port.in.TestWebhookCommand;
import dev.latchkey.application.port.in.TestWebhookUseCase;
import dev.latchkey.application.port.in.UpdateWebhookCommand;
import dev.latchkey.application.port.in.UpdateWebhookUseCase;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.webhook.BasicAuth;
import dev.latchkey.domain.webhook.DeliveryAttempt;
import dev.latchkey.domain.webhook.WebhookHeader;
import dev.latchkey.domain.webhook.WebhookId;
import dev.latchkey.domain.webhook.WebhookState;
import dev.latchkey.domain.webhook.WebhookUrl;
import dev.latchkey.proto.v1.CreateWebhookRequest;
import dev.latchkey.proto.v1.CreateWebhookResponse;
import dev.latchkey.proto.v1.DeleteWebhookRequest;
import dev.latchkey.proto.v1.GetWebhookRequest;
import dev.latchkey.proto.v1.ListWebhookDeliveriesRequest;
import dev.latchkey.proto.v1.ListWebhookDeliveriesResponse;
import dev.latchkey.proto.v1.ListWebhookEventTypesRequest;
import dev.latchkey.proto.v1.ListWebhookEventTypesResponse;
import dev.latchkey.proto.v1.ListWebhooksRequest;
import dev.latchkey.proto.v1.ListWebhooksResponse;
import dev.latchkey.proto.v1.RotateWebhookSecretRequest;
import dev.latchkey.proto.v1.RotateWebhookSecretResponse;
import dev.latchkey.proto.v1.TestWebhookRequest;
import dev.latchkey.proto.v1.UpdateWebhookRequest;
import dev.latchkey.proto.v1.Webhook;
import dev.latchkey.proto.v1.WebhookDelivery;
import dev.latchkey.proto.v1.WebhookEventType;
import dev.latchkey.proto.v1.WebhookServiceGrpc;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** {@code latchkey.v1.WebhookService}: the account holder's webhooks. */
public final class WebhookGrpcService extends WebhookServiceGrpc.WebhookServiceImplBase {
  private static final List<String> UPDATABLE =
      List.of("display_name", "url", "event_types", "basic_auth", "headers", "state");

  private final CreateWebhookUseCase create;
  private final GetWebhookUseCase get;
  private final ListWebhooksUseCase list;
  private final UpdateWebhookUseCase update;
  private final DeleteWebhookUseCase delete;
  private final TestWebhookUseCase test;
  private final RotateWebhookSecretUseCase rotate;
  private final ListWebhookDeliveriesUseCase deliveries;
  private final ListWebhookEventTypesUseCase eventTypes;

  @Inject
  public WebhookGrpcService(CreateWebhookUseCase create, GetWebhookUseCase get, ListWebhooksUseCase list,
      UpdateWebhookUseCase update, DeleteWebhookUseCase delete, TestWebhookUseCase test,
      RotateWebhookSecretUseCase rotate, ListWebhookDeliveriesUseCase deliveries,
      ListWebhookEventTypesUseCase eventTypes) {
    this.create = create;
    this.get = get;
    this.list = list;
    this.update = update;
    this.delete = delete;
    this.test = test;
    this.rotate = rotate;
    this.deliveries = deliveries;
    this.eventTypes = eventTypes;
  }

  @Override
  public void createWebhook(CreateWebhookRequest request, StreamObserver<CreateWebhookResponse> response) {
    RequestFields fields = new RequestFields();
    Webhook webhook = request.getWebhook();
    if (!webhook.getName().isEmpty()) {
      fields.violation("webhook.name", "is assigned by the server; leave it empty");
    }
    DisplayName displayName = fields.value("webhook.display_name", () -> new DisplayName(webhook.getDisplayName()));
    WebhookUrl url = fields.value("webhook.url", () -> new WebhookUrl(webhook.getUrl()));
    List<String> types = eventTypes(fields, webhook);
    Optional<BasicAuth> basicAuth = basicAuth(fields, webhook);
    List<WebhookHeader> headers = headers(fields, webhook);
    WebhookState state = webhook.getState() == Webhook.State.STATE_UNSPECIFIED ? WebhookState.ENABLED
        : state(fields, webhook);
    fields.check();
    CreatedWebhook created = create.execute(CallPrincipal.current(),
        new CreateWebhookCommand(displayName, url, types, basicAuth, headers, state));
    respond(response, CreateWebhookResponse.newBuilder()
        .setWebhook(ProtoMapper.webhook(created.webhook()))
        .setSigningSecret(created.secret().reveal())
        .build());
  }

  @Override
  public void getWebhook(GetWebhookRequest request, StreamObserver<Webhook> response) {
    WebhookId id = id("name", request.getName());
    respond(response, ProtoMapper.webhook(get.execute(CallPrincipal.current(), new GetWebhookQuery(id))));
  }

  @Override
  public void listWebhooks(ListWebhooksRequest request, StreamObserver<ListWebhooksResponse> response) {
    Page<dev.latchkey.domain.webhook.Webhook> page = list.execute(CallPrincipal.current(),
        new ListWebhooksQuery(new PageQuery(request.getPageSize(), request.getPageToken())));
    respond(response, ListWebhooksResponse.newBuilder()
        .addAllWebhooks(page.items().stream().map(ProtoMapper::webhook).toList())
        .setNextPageToken(page.nextCursor().orElse(""))
        .build());
  }

  @Override
  public void updateWebhook(UpdateWebhookRequest request, StreamObserver<Webhook> response) {
    RequestFields fields = new RequestFields();
    Webhook webhook = request.getWebhook();
    WebhookId id = webhookId(fields, "webhook.name", webhook.getName());
    Set<String> paths = ProtoRequests.updateMask(fields, "update_mask", request.getUpdateMask(), UPDATABLE);
    Optional<DisplayName> displayName = paths.contains("display_name")
        ? Optional.ofNullable(fields.value("webhook.display_name", () -> new DisplayName(webhook.getDisplayName())))
        : Optional.empty();
    Optional<WebhookUrl> url = paths.contains("url")
        ? Optional.ofNullable(fields.value("webhook.url", () -> new WebhookUrl(webhook.getUrl())))
        : Optional.empty();
    Optional<List<String>> types = paths.contains("event_types")
        ? Optional.of(eventTypes(fields, webhook)) : Optional.empty();
    Optional<UpdateWebhookCommand.BasicAuthInput> basicAuth = Optional.empty();
    if (paths.contains("basic_auth")) {
      var basic = webhook.getBasicAuth();
      if (basic.getUsername().isEmpty() && !basic.getPassword().isEmpty()) {
        fields.violation("webhook.basic_auth.username", "must not be empty when a password is sent");
      }
      basicAuth = Optional.of(new UpdateWebhookCommand.BasicAuthInput(basic.getUsername(), basic.getPassword()));
    }
    Optional<List<UpdateWebhookCommand.HeaderInput>> headers = paths.contains("headers")
        ? Optional.of(headerInputs(fields, webhook)) : Optional.empty();
    Optional<WebhookState> state = paths.contains("state") ? Optional.ofNullable(state(fields, webhook))
        : Optional.empty();
    OptionalLong version = ProtoRequests.etag(fields, "webhook.etag", webhook.getEtag());
    fields.check();
    var updated = update.execute(CallPrincipal.current(),
        new UpdateWebhookCommand(id, displayName, url, types, basicAuth, headers, state, version));
    respond(response, ProtoMapper.webhook(updated));
  }

  @Override
  public void deleteWebhook(DeleteWebhookRequest request, StreamObserver<Empty> response) {
    WebhookId id = id("name", request.getName());
    delete.execute(CallPrincipal.current(), new DeleteWebhookCommand(id));
    respond(response, Empty.getDefaultInstance());
  }

  @Override
  public void testWebhook(TestWebhookRequest request, StreamObserver<WebhookDelivery> response) {
    WebhookId id = id("name", request.getName());
    DeliveryAttempt attempt = test.execute(CallPrincipal.current(), new TestWebhookCommand(id));
    respond(response, ProtoMapper.webhookDelivery(attempt));
  }

  @Override
  public void rotateWebhookSecret(
      RotateWebhookSecretRequest request, StreamObserver<RotateWebhookSecretResponse> response) {
    WebhookId id = id("name", request.getName());
    CreatedWebhook rotated = rotate.execute(CallPrincipal.current(), new RotateWebhookSecretCommand(id));
    respond(response, RotateWebhookSecretResponse.newBuilder()
        .setWebhook(ProtoMapper.webhook(rotated.webhook()))
        .setSigningSecret(rotated.secret().reveal())
        .build());
  }

  @Override
  public void listWebhookDeliveries(
      ListWebhookDeliveriesRequest request, StreamObserver<ListWebhookDeliveriesResponse> response) {
    WebhookId id = id("parent", request.getParent());
    Page<DeliveryAttempt> page = deliveries.execute(CallPrincipal.current(),
        new ListWebhookDeliveriesQuery(id, new PageQuery(request.getPageSize(), request.getPageToken())));
    respond(response, ListWebhookDeliveriesResponse.newBuilder()
        .addAllDeliveries(page.items().stream().map(ProtoMapper::webhookDelivery).toList())
        .setNextPageToken(page.nextCursor().orElse(""))
        .build());
  }

  @Override
  public void listWebhookEventTypes(
      ListWebhookEventTypesRequest request, StreamObserver<ListWebhookEventTypesResponse> response) {
    var types = eventTypes.execute(CallPrincipal.current(), new ListWebhookEventTypesQuery());
    respond(response, ListWebhookEventTypesResponse.newBuilder()
        .addAllEventTypes(types.stream().map(t -> WebhookEventType.newBuilder()
            .setName(t.name()).setDescription(t.description()).build()).toList())
        .build());
  }

  /** The event types as sent; the use case checks each against the catalog. */
  private static List<String> eventTypes(RequestFields fields, Webhook webhook) {
    // Counted before any entry is looked at.
    if (webhook.getEventTypesCount() > dev.latchkey.domain.webhook.Webhook.MAX_EVENT_TYPES) {
      fields.violation("webhook.event_types",
          "at most " + dev.latchkey.domain.webhook.Webhook.MAX_EVENT_TYPES + " event types");
      return List.of();
    }
    if (webhook.getEventTypesCount() == 0) {
      fields.violation("webhook.event_types", "must name at least one event type (see ListWebhookEventTypes)");
    }
    return webhook.getEventTypesList();
  }

  private static Optional<BasicAuth> basicAuth(RequestFields fields, Webhook webhook) {
    if (!webhook.hasBasicAuth()) {
      return Optional.empty();
    }
    var basic = webhook.getBasicAuth();
    if (basic.getUsername().isEmpty() && basic.getPassword().isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(fields.value("webhook.basic_auth",
        () -> new BasicAuth(basic.getUsername(), basic.getPassword())));
  }

  private static List<WebhookHeader> headers(RequestFields fields, Webhook webhook) {
    List<WebhookHeader> headers = new ArrayList<>();
    List<UpdateWebhookCommand.HeaderInput> inputs = headerInputs(fields, webhook);
    for (int i = 0; i < inputs.size(); i++) {
      var input = inputs.get(i);
      if (input.hidden() && input.value().isEmpty()) {
        fields.violation("webhook.headers[" + i + "].value", "a hidden header needs its value");
        continue;
      }
      WebhookHeader header = fields.value("webhook.headers[" + i + "]",
          () -> new WebhookHeader(input.name(), input.value(), input.hidden()));
      if (header != null) {
        headers.add(header);
      }
    }
    return headers;
  }

  private static List<UpdateWebhookCommand.HeaderInput> headerInputs(RequestFields fields, Webhook webhook) {
    if (webhook.getHeadersCount() > dev.latchkey.domain.webhook.Webhook.MAX_HEADERS) {
      fields.violation("webhook.headers", "at most " + dev.latchkey.domain.webhook.Webhook.MAX_HEADERS + " headers");
      return List.of();
    }
    List<UpdateWebhookCommand.HeaderInput> inputs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < webhook.getHeadersCount(); i++) {
      var header = webhook.getHeaders(i);
      if (!names.add(header.getName().toLowerCase(Locale.ROOT))) {
        fields.violation("webhook.headers[" + i + "].name", "names a header twice");
      }
      inputs.add(new UpdateWebhookCommand.HeaderInput(header.getName(), header.getValue(), header.getHidden()));
    }
    return inputs;
  }

  // Null only after recording a violation; callers call fields.check(), which throws, before any use.
  @SuppressWarnings("NullAway")
  private static WebhookState state(RequestFields fields, Webhook webhook) {
    return switch (webhook.getState()) {
      case STATE_ENABLED -> WebhookState.ENABLED;
      case STATE_DISABLED -> WebhookState.DISABLED;
      default -> {
        fields.violation("webhook.state", "must be STATE_ENABLED or STATE_DISABLED");
        yield null;
      }
    };
  }

  private static WebhookId webhookId(RequestFields fields, String field, String name) {
    return fields.resourceId(field, name, "webhooks", WebhookId::parse);
  }

  private static WebhookId id(String field, String name) {
    RequestFields fields = new RequestFields();
    WebhookId id = webhookId(fields, field, name);
    fields.check();
    return id;
  }

  private static <T> void respond(StreamObserver<T> response, T message) {
    response.onNext(message);
    response.onCompleted();
  }
}
