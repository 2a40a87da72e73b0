@NullMarked
package dev.latchkey.application.security;

import org.jspecify.annotations.NullMarked;
