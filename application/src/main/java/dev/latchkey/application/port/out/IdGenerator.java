package dev.latchkey.application.port.out;

import java.util.UUID;

/** New resource ids: unique, unguessable, and ordered by creation time (UUIDv7). */
public interface IdGenerator {
  UUID newId();
}
