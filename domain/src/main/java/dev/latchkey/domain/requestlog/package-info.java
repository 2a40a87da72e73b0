@NullMarked
package dev.latchkey.domain.requestlog;

import org.jspecify.annotations.NullMarked;
