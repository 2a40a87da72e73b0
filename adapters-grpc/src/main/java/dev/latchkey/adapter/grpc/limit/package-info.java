@NullMarked
package dev.latchkey.adapter.grpc.limit;

import org.jspecify.annotations.NullMarked;
