package dev.latchkey.application.port.in;

/** Turning a presented bearer token into the principal it stands for. */
public interface AuthenticateTokenUseCase {
  /**
   * Checks {@code presented}: format and checksum first (no database access for a malformed one),
   * then the keyed hash against the stored tokens, then the owner's current state and grants.
   *
   * @throws dev.latchkey.domain.error.UnavailableException if the database cannot answer (fail closed)
   */
  TokenCheck authenticate(String presented);
}
