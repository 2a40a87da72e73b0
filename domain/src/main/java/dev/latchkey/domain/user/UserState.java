package dev.latchkey.domain.user;

/** Whether a team member's personal access tokens work. */
public enum UserState {
  ACTIVE,
  DEACTIVATED
}
