@NullMarked
package dev.latchkey.application.port.out;

import org.jspecify.annotations.NullMarked;
