@NullMarked
package dev.latchkey.app.crypto;

import org.jspecify.annotations.NullMarked;
