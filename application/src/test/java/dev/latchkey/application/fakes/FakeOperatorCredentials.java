package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.OperatorCredentials;
import dev.latchkey.domain.token.TokenKind;
import dev.latchkey.domain.token.TokenSecret;
import java.util.Objects;

/** Holds one operator token, as the configured installation would. */
public final class FakeOperatorCredentials implements OperatorCredentials {
  /** The operator token of the fixtures: well formed, and never issued by {@link FakeSecretGenerator}. */
  public static final TokenSecret DEFAULT =
      TokenSecret.assemble(TokenKind.OPERATOR, "OperatorOperatorOperatorOperatorOperator000");

  private final TokenSecret secret;

  public FakeOperatorCredentials(TokenSecret secret) {
    if (secret.kind() != TokenKind.OPERATOR) {
      throw new IllegalArgumentException("an operator token starts with " + TokenKind.OPERATOR.prefix());
    }
    this.secret = secret;
  }

  public FakeOperatorCredentials() {
    this(DEFAULT);
  }

  public TokenSecret secret() {
    return secret;
  }

  @Override
  public boolean matches(TokenSecret candidate) {
    Objects.requireNonNull(candidate, "candidate");
    return secret.equals(candidate);
  }
}
