@NullMarked
package dev.latchkey.domain.permission;

import org.jspecify.annotations.NullMarked;
