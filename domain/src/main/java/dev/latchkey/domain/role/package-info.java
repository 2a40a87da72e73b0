@NullMarked
package dev.latchkey.domain.role;

import org.jspecify.annotations.NullMarked;
