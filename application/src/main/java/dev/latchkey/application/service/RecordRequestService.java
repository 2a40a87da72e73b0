package dev.latchkey.application.service;

import dev.latchkey.application.port.in.RecordRequestUseCase;
import dev.latchkey.application.port.out.RequestLogSink;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.requestlog.RequestLogEntry;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;

/** Hands authenticated calls of tenant principals to the request-log sink. */
public final class RecordRequestService implements RecordRequestUseCase {
  private final RequestLogSink sink;

  @Inject
  public RecordRequestService(RequestLogSink sink) {
    this.sink = sink;
  }

  @Override
  public void record(Principal caller, Instant time, String method, String statusCode, Duration duration, String peer,
      String userAgent) throws InterruptedException {
    if (caller instanceof Principal.TenantPrincipal p) {
      sink.record(new RequestLogEntry(p.tenantId(), p.actor(), p.tokenId(), p.means(), time, method, statusCode,
          duration, peer, userAgent));
    }
  }
}
