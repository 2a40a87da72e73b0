package dev.latchkey.application.service;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.port.in.ManageUsersUseCase;
import dev.latchkey.application.port.in.UserCommands;
import dev.latchkey.application.port.out.ApiTokenRepository;
import dev.latchkey.application.port.out.IdGenerator;
import dev.latchkey.application.port.out.RoleRepository;
import dev.latchkey.application.port.out.Transactions;
import dev.latchkey.application.port.out.UserRepository;
import dev.latchkey.application.security.Authorization;
import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.change.ChangeEvent;
import dev.latchkey.domain.error.ConflictException;
import dev.latchkey.domain.error.FailedPreconditionException;
import dev.latchkey.domain.error.NotFoundException;
import dev.latchkey.domain.error.PermissionDeniedException;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.user.User;
import dev.latchkey.domain.user.UserId;
import dev.latchkey.domain.user.UserState;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.OptionalLong;

/** Team members: their lifecycle, the account-holder rules and the no-escalation rule. */
public final class ManageUsersService implements ManageUsersUseCase {
  private final Transactions transactions;
  private final UserRepository users;
  private final RoleRepository roles;
  private final ApiTokenRepository tokens;
  private final ChangeRecorder changes;
  private final VersionedUpdate update;
  private final IdGenerator ids;
  private final InstantSource clock;

  @Inject
  public ManageUsersService(
      Transactions transactions, UserRepository users, RoleRepository roles, ApiTokenRepository tokens,
      ChangeRecorder changes, VersionedUpdate update, IdGenerator ids, InstantSource clock) {
    this.transactions = transactions;
    this.users = users;
    this.roles = roles;
    this.tokens = tokens;
    this.changes = changes;
    this.update = update;
    this.ids = ids;
    this.clock = clock;
  }

  @Override
  public User createUser(Principal caller, UserCommands.Create command) {
    Authorization.require(caller, Operation.CREATE_USER);
    Principal.TenantPrincipal principal = Authorization.tenantPrincipal(caller);
    return transactions.inTransaction(() -> {
      Role role = assignable(principal, command.role());
      Instant now = clock.instant();
      User user = User.member(principal.tenantId(), new UserId(ids.newId()), command.email(), command.displayName(),
          role.id(), now);
      users.insert(user);
      changes.record(caller, user.tenantId(), now, new ChangeEvent.UserCreated(user));
      return user;
    });
  }

  @Override
  public User getUser(Principal caller, UserId id) {
    Authorization.require(caller, Operation.GET_USER);
    return load(Authorization.tenantPrincipal(caller).tenantId(), id);
  }

  @Override
  public Page<User> listUsers(
      Principal caller, int pageSize, String pageToken, Optional<RoleId> role, Optional<UserState> state) {
    Authorization.require(caller, Operation.LIST_USERS);
    TenantId tenant = Authorization.tenantPrincipal(caller).tenantId();
    String scope = "users:" + role.map(RoleId::toString).orElse("") + ":" + state.map(Enum::name).orElse("");
    return Paging.withPageToken(scope,
        users.list(tenant, Paging.uuidCursorRequest(scope, pageSize, pageToken), role, state));
  }

  @Override
  public User updateUser(Principal caller, UserCommands.Update command) {
    Authorization.require(caller, Operation.UPDATE_USER);
    Principal.TenantPrincipal principal = Authorization.tenantPrincipal(caller);
    var patch = new User.Patch(command.displayName(), command.role());
    return update.run(caller, command.expectedVersion(), VersionedUpdate.steps(
        () -> {
          User current = load(principal.tenantId(), command.id());
          requireMayTouch(principal, current, "change");
          return current;
        },
        (current, now) -> {
          var change = current.apply(patch, now);
          change.ifPresent(c -> {
            if (!c.value().roleId().equals(current.roleId())) {
              assignable(principal, c.value().roleId());
            }
          });
          return change;
        },
        users::update));
  }

  @Override
  public User changeState(Principal caller, UserId id, UserState state) {
    Authorization.require(caller,
        state == UserState.ACTIVE ? Operation.REACTIVATE_USER : Operation.DEACTIVATE_USER);
    Principal.TenantPrincipal principal = Authorization.tenantPrincipal(caller);
    return update.run(caller, OptionalLong.empty(), VersionedUpdate.steps(
        () -> {
          User current = load(principal.tenantId(), id);
          requireMayTouch(principal, current, state == UserState.ACTIVE ? "reactivate" : "deactivate");
          return current;
        },
        (current, now) -> {
          if (current.state() == state) {
            return Optional.empty();
          }
          if (current.accountHolder()) {
            throw new FailedPreconditionException(
                "the account holder cannot be deactivated; transfer the title first");
          }
          if (state == UserState.ACTIVE) {
            // Reactivating brings the user's tokens back: that is giving the role's grants (and
            // its API access) again.
            Role role = roleOf(current);
            Authorization.requireHolds(principal, role.grants());
            if (role.apiAccess()) {
              ApiAccess.requireCallerHasIt(principal, users, roles);
            }
          }
          return current.changeState(state, now);
        },
        users::update));
  }

  @Override
  public void deleteUser(Principal caller, UserId id) {
    Authorization.require(caller, Operation.DELETE_USER);
    Principal.TenantPrincipal principal = Authorization.tenantPrincipal(caller);
    transactions.inTransaction(() -> {
      User current = load(principal.tenantId(), id);
      requireMayTouch(principal, current, "delete");
      if (current.accountHolder()) {
        throw new FailedPreconditionException("the account holder cannot be deleted; transfer the title first");
      }
      Instant now = clock.instant();
      if (!users.delete(principal.tenantId(), id, now)) {
        throw notFound(id);
      }
      int revoked = tokens.deleteAllOf(principal.tenantId(), current.ref(), now);
      changes.record(caller, principal.tenantId(), now, new ChangeEvent.UserDeleted(current, revoked));
      return null;
    });
  }

  @Override
  public User transferAccountHolder(Principal caller, UserId to) {
    Authorization.require(caller, Operation.TRANSFER_ACCOUNT_HOLDER);
    Principal.TenantPrincipal principal = Authorization.tenantPrincipal(caller);
    return transactions.inTransaction(() -> {
      User holder = callerAsAccountHolder(principal)
          .orElseThrow(() -> new PermissionDeniedException("only the account holder can transfer the title"));
      User next = load(principal.tenantId(), to);
      if (next.id().equals(holder.id())) {
        throw new FailedPreconditionException("you hold the title already");
      }
      if (!next.isActive()) {
        throw new FailedPreconditionException(next.resourceName() + " is deactivated; reactivate them first");
      }
      Instant now = clock.instant();
      // Clear first: at most one account holder per tenant at any moment.
      User former = holder.withAccountHolder(false, now);
      if (!users.update(former)) {
        throw stale(holder);
      }
      User promoted = next.withAccountHolder(true, now);
      if (!users.update(promoted)) {
        throw stale(next);
      }
      changes.record(caller, principal.tenantId(), now,
          new ChangeEvent.AccountHolderTransferred(holder.ref(), promoted.ref()));
      return promoted;
    });
  }

  /** Nobody but the account holder changes or removes the account holder. */
  private static void requireMayTouch(Principal.TenantPrincipal caller, User target, String verb) {
    if (target.accountHolder() && !caller.actor().equals(target.ref())) {
      throw new PermissionDeniedException("only the account holder can " + verb + " the account holder");
    }
  }

  private Optional<User> callerAsAccountHolder(Principal.TenantPrincipal caller) {
    if (!(caller.actor() instanceof dev.latchkey.domain.principal.Actor.UserRef(var id))) {
      return Optional.empty();
    }
    return users.findById(caller.tenantId(), id).filter(User::accountHolder);
  }

  /**
   * The role, if it exists and the caller holds all its grants, and API access if the role carries
   * it (no escalation through roles).
   */
  private Role assignable(Principal.TenantPrincipal caller, RoleId id) {
    Role role = roles.findById(caller.tenantId(), id).orElseThrow(() -> ManageRolesService.notFound(id));
    Authorization.requireHolds(caller, role.grants());
    if (role.apiAccess()) {
      ApiAccess.requireCallerHasIt(caller, users, roles);
    }
    return role;
  }

  private Role roleOf(User user) {
    return roles.findById(user.tenantId(), user.roleId()).orElseThrow(() -> ManageRolesService.notFound(user.roleId()));
  }

  private User load(TenantId tenant, UserId id) {
    return users.findById(tenant, id).orElseThrow(() -> notFound(id));
  }

  private static NotFoundException notFound(UserId id) {
    return new NotFoundException("users/" + id + " not found");
  }

  private static ConflictException stale(User user) {
    return VersionedUpdate.stale(user);
  }
}
