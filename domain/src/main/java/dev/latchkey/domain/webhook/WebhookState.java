package dev.latchkey.domain.webhook;

/** Whether a webhook receives events. */
public enum WebhookState {
  ENABLED,
  /** By the account holder, or automatically after about five days of failed deliveries. */
  DISABLED
}
