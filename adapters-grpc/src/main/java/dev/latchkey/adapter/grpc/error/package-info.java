@NullMarked
package dev.latchkey.adapter.grpc.error;

import org.jspecify.annotations.NullMarked;
