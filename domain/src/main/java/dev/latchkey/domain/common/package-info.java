@NullMarked
package dev.latchkey.domain.common;

import org.jspecify.annotations.NullMarked;
