@NullMarked
package dev.latchkey.domain.audit;

import org.jspecify.annotations.NullMarked;
