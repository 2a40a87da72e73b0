package dev.latchkey.domain.permission;

/** What a grant allows on a data model. */
public enum Action {
  READ,
  CREATE,
  UPDATE,
  DELETE
}
