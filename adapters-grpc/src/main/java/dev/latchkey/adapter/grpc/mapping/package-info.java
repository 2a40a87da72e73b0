@NullMarked
package dev.latchkey.adapter.grpc.mapping;

import org.jspecify.annotations.NullMarked;
