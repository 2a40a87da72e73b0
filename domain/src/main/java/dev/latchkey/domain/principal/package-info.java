@NullMarked
package dev.latchkey.domain.principal;

import org.jspecify.annotations.NullMarked;
