@NullMarked
package dev.latchkey.adapter.postgres;

import org.jspecify.annotations.NullMarked;
