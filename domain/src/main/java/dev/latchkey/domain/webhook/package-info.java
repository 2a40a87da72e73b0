/** Webhooks: subscriptions of a tenant's account holder, the events they receive, and how deliveries are signed. */
@NullMarked
package dev.latchkey.domain.webhook;

import org.jspecify.annotations.NullMarked;
