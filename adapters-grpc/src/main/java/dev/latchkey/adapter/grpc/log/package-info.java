@NullMarked
package dev.latchkey.adapter.grpc.log;

import org.jspecify.annotations.NullMarked;
