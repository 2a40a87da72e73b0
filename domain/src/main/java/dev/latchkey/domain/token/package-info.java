@NullMarked
package dev.latchkey.domain.token;

import org.jspecify.annotations.NullMarked;
