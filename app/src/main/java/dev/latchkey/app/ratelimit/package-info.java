@NullMarked
package dev.latchkey.app.ratelimit;

import org.jspecify.annotations.NullMarked;
