package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;

/**
 * What a caller asks a use case for: a command (it changes something) or a query (it reads). Each
 * declares the operation of the permission table it is, and the use case checks the caller
 * against that before anything else runs.
 */
public interface Request {
  /** The operation this request is; a request may pick it from its own fields (enable vs disable). */
  Operation operation();
}
