package dev.latchkey.application.port.in;

import dev.latchkey.domain.principal.Principal;

/**
 * The outcome of checking a presented token. Every case but {@link Valid} is a refusal; they are
 * told apart for logs and metrics, never for the caller.
 */
public sealed interface TokenCheck {
  record Valid(Principal principal) implements TokenCheck {}

  /** Not the shape of a token, or a wrong checksum: refused without a database query. */
  record Malformed() implements TokenCheck {}

  /** Well formed, but no live token has this digest (never issued, or deleted). */
  record Unknown() implements TokenCheck {}

  /** The token exists but its owner may not use it now (deactivated, deleted, no API access). */
  record OwnerInactive() implements TokenCheck {}
}
