@NullMarked
package dev.latchkey.application.lifecycle;

import org.jspecify.annotations.NullMarked;
