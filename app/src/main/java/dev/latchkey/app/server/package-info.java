@NullMarked
package dev.latchkey.app.server;

import org.jspecify.annotations.NullMarked;
