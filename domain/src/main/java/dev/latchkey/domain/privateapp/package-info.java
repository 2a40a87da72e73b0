@NullMarked
package dev.latchkey.domain.privateapp;

import org.jspecify.annotations.NullMarked;
