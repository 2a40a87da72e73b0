@NullMarked
package dev.latchkey.app.wiring;

import org.jspecify.annotations.NullMarked;
