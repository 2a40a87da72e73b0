@NullMarked
package dev.latchkey.domain.change;

import org.jspecify.annotations.NullMarked;
