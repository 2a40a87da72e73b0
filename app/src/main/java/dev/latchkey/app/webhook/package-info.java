/** Outbound webhook deliveries: the JDK HTTP client, with the address check against request forgery. */
@NullMarked
package dev.latchkey.app.webhook;

import org.jspecify.annotations.NullMarked;
