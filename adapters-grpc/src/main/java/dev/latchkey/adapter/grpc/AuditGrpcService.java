package dev.latchkey.adapter.grpc;

import dev.latchkey.adapter.grpc.auth.CallPrincipal;
import dev.latchkey.adapter.grpc.mapping.ProtoMapper;
import dev.latchkey.application.port.in.ListAuditEventsQuery;
import dev.latchkey.application.port.in.ListAuditEventsUseCase;
import dev.latchkey.application.port.in.PageQuery;
import dev.latchkey.domain.error.InvalidArgumentException;
import dev.latchkey.proto.v1.AuditServiceGrpc;
import dev.latchkey.proto.v1.ListAuditEventsRequest;
import dev.latchkey.proto.v1.ListAuditEventsResponse;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;
import java.util.Optional;

/** {@code latchkey.v1.AuditService}: the audit trail of the caller's tenant. */
public final class AuditGrpcService extends AuditServiceGrpc.AuditServiceImplBase {
  private static final int MAX_TARGET_LENGTH = 256;

  private final ListAuditEventsUseCase list;

  @Inject
  public AuditGrpcService(ListAuditEventsUseCase list) {
    this.list = list;
  }

  @Override
  public void listAuditEvents(ListAuditEventsRequest request, StreamObserver<ListAuditEventsResponse> response) {
    String target = request.getTarget();
    if (target.length() > MAX_TARGET_LENGTH || target.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidArgumentException("target", "must be a resource name of at most " + MAX_TARGET_LENGTH
          + " characters");
    }
    var page = list.execute(CallPrincipal.current(), new ListAuditEventsQuery(
        new PageQuery(request.getPageSize(), request.getPageToken()),
        target.isEmpty() ? Optional.empty() : Optional.of(target)));
    response.onNext(ListAuditEventsResponse.newBuilder()
        .addAllAuditEvents(page.items().stream().map(ProtoMapper::auditEvent).toList())
        .setNextPageToken(page.nextCursor().orElse(""))
        .build());
    response.onCompleted();
  }
}
