package dev.latchkey.application.fakes;

/** A fake whose state {@link FakeTransactions} can roll back. */
public interface Snapshottable {
  /** Captures the current state; running the returned action puts exactly that state back. */
  Runnable snapshot();
}
