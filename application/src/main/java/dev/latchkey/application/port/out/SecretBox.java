package dev.latchkey.application.port.out;

/**
 * Authenticated encryption for secrets that must be recoverable (webhook passwords, hidden header
 * values, signing secrets), under a key kept outside the database. The sealed form names its key
 * so that keys can be rotated.
 */
public interface SecretBox {
  /** {@code plaintext} encrypted and bound to {@code associatedData} (the owning row's id). */
  byte[] seal(byte[] plaintext, byte[] associatedData);

  /**
   * The plaintext of {@code sealed}.
   *
   * @throws IllegalStateException if it was not sealed with {@code associatedData} under a known key,
   *     or was altered
   */
  byte[] open(byte[] sealed, byte[] associatedData);
}
