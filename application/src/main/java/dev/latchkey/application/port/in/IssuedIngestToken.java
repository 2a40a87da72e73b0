package dev.latchkey.application.port.in;

import dev.latchkey.domain.analytics.IngestTokenView;
import dev.latchkey.domain.token.TokenSecret;
import java.util.Objects;

/** A new ingest token: what can be shown of it, and the secret, shown this once. */
public record IssuedIngestToken(IngestTokenView view, TokenSecret secret) {
  public IssuedIngestToken {
    Objects.requireNonNull(view, "view");
    Objects.requireNonNull(secret, "secret");
  }
}
