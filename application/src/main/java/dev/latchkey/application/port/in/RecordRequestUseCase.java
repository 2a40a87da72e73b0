package dev.latchkey.application.port.in;

import dev.latchkey.domain.principal.Principal;
import java.time.Duration;
import java.time.Instant;

/** Writing one authenticated call into its principal's request log. */
public interface RecordRequestUseCase {
  /**
   * Queues the entry; blocks while the writer is behind (push-back, never drops). Calls of the
   * operator are not recorded in any tenant's log.
   */
  void record(Principal caller, Instant time, String method, String statusCode, Duration duration, String peer,
      String userAgent) throws InterruptedException;
}
