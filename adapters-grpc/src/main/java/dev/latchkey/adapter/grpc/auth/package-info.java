@NullMarked
package dev.latchkey.adapter.grpc.auth;

import org.jspecify.annotations.NullMarked;
