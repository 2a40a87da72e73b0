@NullMarked
package dev.latchkey.app;

import org.jspecify.annotations.NullMarked;
