@NullMarked
package dev.latchkey.domain.user;

import org.jspecify.annotations.NullMarked;
