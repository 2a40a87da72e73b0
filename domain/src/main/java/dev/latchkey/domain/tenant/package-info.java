@NullMarked
package dev.latchkey.domain.tenant;

import org.jspecify.annotations.NullMarked;
