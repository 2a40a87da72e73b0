@NullMarked
package dev.latchkey.application.port.in;

import org.jspecify.annotations.NullMarked;
