package dev.latchkey.domain.permission;

/** Business records of the product, or administrative areas of Latchkey itself. */
public enum DataModelKind {
  BUSINESS,
  ADMINISTRATIVE
}
