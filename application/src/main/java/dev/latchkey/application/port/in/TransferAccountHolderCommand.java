package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.user.UserId;
import java.util.Objects;

/** Hands the account-holder title to {@code to}. */
public record TransferAccountHolderCommand(UserId to) implements Request {
  public TransferAccountHolderCommand {
    Objects.requireNonNull(to, "to");
  }

  @Override
  public Operation operation() {
    return Operation.TRANSFER_ACCOUNT_HOLDER;
  }
}
