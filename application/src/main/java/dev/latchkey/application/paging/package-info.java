@NullMarked
package dev.latchkey.application.paging;

import org.jspecify.annotations.NullMarked;
