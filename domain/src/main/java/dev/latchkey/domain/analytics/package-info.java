/** The tenant's analytics: its ingest token, user activities and custom metrics. */
@NullMarked
package dev.latchkey.domain.analytics;

import org.jspecify.annotations.NullMarked;
