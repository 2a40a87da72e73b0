@NullMarked
package dev.latchkey.domain.error;

import org.jspecify.annotations.NullMarked;
