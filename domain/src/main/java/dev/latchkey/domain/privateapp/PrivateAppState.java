package dev.latchkey.domain.privateapp;

/** Whether a private app's tokens work. */
public enum PrivateAppState {
  ENABLED,
  DISABLED
}
