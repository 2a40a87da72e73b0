@NullMarked
package dev.latchkey.domain.ratelimit;

import org.jspecify.annotations.NullMarked;
