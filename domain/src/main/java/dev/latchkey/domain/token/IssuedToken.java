package dev.latchkey.domain.token;

import java.util.Objects;

/** A token just created: the stored record, and the secret that is shown to its owner this once. */
public record IssuedToken(ApiToken token, TokenSecret secret) {
  public IssuedToken {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(secret, "secret");
  }
}
