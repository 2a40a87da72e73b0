package dev.latchkey.app.config;

/** Bad or missing configuration: the server says what in one line and exits non-zero. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message, null, false, false);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
