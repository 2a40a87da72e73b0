package dev.latchkey.adapter.grpc.mapping;

import com.google.protobuf.Timestamp;
import dev.latchkey.application.port.in.CallerIdentity;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.Grant;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.audit.AuditEntry;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.requestlog.RequestLogEntry;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.tenant.Tenant;
import dev.latchkey.domain.token.ApiToken;
import dev.latchkey.domain.user.User;
import dev.latchkey.domain.webhook.DeliveryAttempt;
import dev.latchkey.domain.webhook.Webhook;
import dev.latchkey.domain.webhook.WebhookHeader;
import java.time.Instant;

/** Domain values to API messages. Protobuf types never leave this adapter. */
public final class ProtoMapper {
  private ProtoMapper() {}

  public static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }

  public static dev.latchkey.proto.v1.Tenant tenant(Tenant tenant) {
    return dev.latchkey.proto.v1.Tenant.newBuilder()
        .setName(tenant.resourceName())
        .setDisplayName(tenant.displayName().value())
        .setCreateTime(timestamp(tenant.createTime()))
        .setUpdateTime(timestamp(tenant.updateTime()))
        .build();
  }

  public static dev.latchkey.proto.v1.User user(User user) {
    return dev.latchkey.proto.v1.User.newBuilder()
        .setName(user.ref().resourceName())
        .setEmail(user.email().value())
        .setDisplayName(user.displayName().value())
        .setRole("roles/" + user.roleId())
        .setAccountHolder(user.accountHolder())
        .setState(switch (user.state()) {
          case ACTIVE -> dev.latchkey.proto.v1.User.State.STATE_ACTIVE;
          case DEACTIVATED -> dev.latchkey.proto.v1.User.State.STATE_DEACTIVATED;
        })
        .setCreateTime(timestamp(user.createTime()))
        .setUpdateTime(timestamp(user.updateTime()))
        .setEtag(Etags.of(user.version()))
        .build();
  }

  public static dev.latchkey.proto.v1.Role role(Role role) {
    return dev.latchkey.proto.v1.Role.newBuilder()
        .setName(role.resourceName())
        .setDisplayName(role.displayName().value())
        .addAllGrants(grants(role.grants()))
        .setApiAccess(role.apiAccess())
        .setCreateTime(timestamp(role.createTime()))
        .setUpdateTime(timestamp(role.updateTime()))
        .setEtag(Etags.of(role.version()))
        .build();
  }

  public static Iterable<dev.latchkey.proto.v1.Grant> grants(PermissionSet grants) {
    return grants.grants().stream().map(ProtoMapper::grant).toList();
  }

  static dev.latchkey.proto.v1.Grant grant(Grant grant) {
    var builder = dev.latchkey.proto.v1.Grant.newBuilder().setDataModel(grant.dataModel().apiName());
    for (Action action : grant.orderedActions()) {
      builder.addActions(action(action));
    }
    return builder.build();
  }

  static dev.latchkey.proto.v1.Action action(Action action) {
    return switch (action) {
      case READ -> dev.latchkey.proto.v1.Action.ACTION_READ;
      case CREATE -> dev.latchkey.proto.v1.Action.ACTION_CREATE;
      case UPDATE -> dev.latchkey.proto.v1.Action.ACTION_UPDATE;
      case DELETE -> dev.latchkey.proto.v1.Action.ACTION_DELETE;
    };
  }

  public static dev.latchkey.proto.v1.DataModel dataModel(DataModel model) {
    return dev.latchkey.proto.v1.DataModel.newBuilder()
        .setName(model.apiName())
        .setDisplayName(model.displayName())
        .setKind(switch (model.kind()) {
          case BUSINESS -> dev.latchkey.proto.v1.DataModelKind.DATA_MODEL_KIND_BUSINESS;
          case ADMINISTRATIVE -> dev.latchkey.proto.v1.DataModelKind.DATA_MODEL_KIND_ADMINISTRATIVE;
        })
        .setDescription(model.description())
        .build();
  }

  public static dev.latchkey.proto.v1.PrivateApp privateApp(PrivateApp app) {
    return dev.latchkey.proto.v1.PrivateApp.newBuilder()
        .setName(app.resourceName())
        .setDisplayName(app.displayName().value())
        .setDescription(app.description().value())
        .setState(switch (app.state()) {
          case ENABLED -> dev.latchkey.proto.v1.PrivateApp.State.STATE_ENABLED;
          case DISABLED -> dev.latchkey.proto.v1.PrivateApp.State.STATE_DISABLED;
        })
        .addAllGrants(grants(app.grants()))
        .setCreateTime(timestamp(app.createTime()))
        .setUpdateTime(timestamp(app.updateTime()))
        .setCreator(app.creator().resourceName())
        .setEtag(Etags.of(app.version()))
        .build();
  }

  public static dev.latchkey.proto.v1.ApiToken apiToken(ApiToken token) {
    var builder = dev.latchkey.proto.v1.ApiToken.newBuilder()
        .setName(token.resourceName())
        .setDisplayName(token.displayName().value())
        .setPrefix(token.displayPrefix())
        .setCreateTime(timestamp(token.createTime()))
        .setCreator(token.creator().resourceName());
    token.lastUse().ifPresent(t -> builder.setLastUseTime(timestamp(t)));
    return builder.build();
  }

  public static dev.latchkey.proto.v1.AuditEvent auditEvent(AuditEntry entry) {
    return dev.latchkey.proto.v1.AuditEvent.newBuilder()
        .setName("auditEvents/" + entry.id())
        .setTime(timestamp(entry.time()))
        .setActor(entry.actor().resourceName())
        .setToken(entry.token().map(t -> entry.actor().resourceName() + "/tokens/" + t).orElse(""))
        .setAction(entry.action().wireName())
        .setTarget(entry.target())
        .putAllDetails(entry.details())
        .setMeans(entry.viaMeans().map(Actor::resourceName).orElse(""))
        .build();
  }

  public static dev.latchkey.proto.v1.RequestLog requestLog(RequestLogEntry entry) {
    return dev.latchkey.proto.v1.RequestLog.newBuilder()
        .setTime(timestamp(entry.time()))
        .setMethod(entry.method())
        .setStatusCode(entry.statusCode())
        .setDuration(com.google.protobuf.Duration.newBuilder()
            .setSeconds(entry.duration().toSeconds())
            .setNanos(entry.duration().toNanosPart()))
        .setToken(entry.tokenName())
        .setPeer(entry.peer())
        .setUserAgent(entry.userAgent())
        .setMeans(entry.viaMeans().map(Actor::resourceName).orElse(""))
        .build();
  }

  public static dev.latchkey.proto.v1.CallerIdentity callerIdentity(CallerIdentity identity) {
    return dev.latchkey.proto.v1.CallerIdentity.newBuilder()
        .setPrincipal(identity.principal())
        .setDisplayName(identity.displayName())
        .setTenant(identity.tenant().map(t -> "tenants/" + t).orElse(""))
        .addAllGrants(grants(identity.grants()))
        .setToken(identity.token().orElse(""))
        .setRateLimit(identity.rateLimit().value())
        .build();
  }

  /** A webhook as clients see it: write-only values only as "is set", hidden header values empty. */
  public static dev.latchkey.proto.v1.Webhook webhook(Webhook webhook) {
    var builder = dev.latchkey.proto.v1.Webhook.newBuilder()
        .setName(webhook.resourceName())
        .setDisplayName(webhook.displayName().value())
        .setUrl(webhook.url().value())
        .addAllEventTypes(webhook.eventTypes())
        .setState(switch (webhook.state()) {
          case ENABLED -> dev.latchkey.proto.v1.Webhook.State.STATE_ENABLED;
          case DISABLED -> dev.latchkey.proto.v1.Webhook.State.STATE_DISABLED;
        })
        .setDisabledReason(webhook.disabledReason())
        .setCreateTime(timestamp(webhook.createTime()))
        .setUpdateTime(timestamp(webhook.updateTime()))
        .setCreator(webhook.creator().resourceName())
        .setEtag(Etags.of(webhook.version()));
    webhook.basicAuth().ifPresent(basic -> builder.setBasicAuth(dev.latchkey.proto.v1.BasicAuth.newBuilder()
        .setUsername(basic.username())
        .setPasswordSet(!basic.password().isEmpty())));
    for (WebhookHeader header : webhook.headers()) {
      builder.addHeaders(dev.latchkey.proto.v1.WebhookHeader.newBuilder()
          .setName(header.name())
          .setValue(header.hidden() ? "" : header.value())
          .setHidden(header.hidden()));
    }
    return builder.build();
  }

  public static dev.latchkey.proto.v1.WebhookDelivery webhookDelivery(DeliveryAttempt attempt) {
    return dev.latchkey.proto.v1.WebhookDelivery.newBuilder()
        .setEventId(attempt.messageId())
        .setEventType(attempt.eventType())
        .setAttempt(attempt.attempt())
        .setTime(timestamp(attempt.time()))
        .setResponseStatus(attempt.status().orElse(0))
        .setLatency(com.google.protobuf.Duration.newBuilder()
            .setSeconds(attempt.latency().toSeconds())
            .setNanos(attempt.latency().toNanosPart()))
        .setResponseBody(attempt.responseStart())
        .setError(attempt.error())
        .build();
  }
}
