@NullMarked
package dev.latchkey.adapter.grpc;

import org.jspecify.annotations.NullMarked;
