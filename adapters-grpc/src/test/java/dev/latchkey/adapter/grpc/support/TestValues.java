package dev.latchkey.adapter.grpc.support;

import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.common.EmailAddress;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.tenant.Tenant;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.ApiTokenId;
import dev.latchkey.domain.token.Base62;
import dev.latchkey.domain.token.TokenFormat;
import dev.latchkey.domain.token.TokenKind;
import dev.latchkey.domain.token.TokenSecret;
import dev.latchkey.domain.user.User;
import dev.latchkey.domain.user.UserId;
import dev.latchkey.domain.user.UserState;
import dev.latchkey.domain.webhook.SigningSecret;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;

/** Valid values for tests; deterministic so that a failure reproduces. */
public final class TestValues {
  public static final Instant CREATED = Instant.parse("2025-03-01T10:15:30.123456789Z");
  public static final SigningSecret SIGNING_SECRET = SigningSecret.of(new byte[32]);
  public static final Instant UPDATED = Instant.parse("2025-03-02T11:00:00.000000001Z");

  private static final Random RANDOM = new Random(42);

  private TestValues() {}

  /** A well-formed token of {@code kind}, with a correct checksum. */
  public static synchronized TokenSecret token(TokenKind kind) {
    StringBuilder random = new StringBuilder();
    for (int i = 0; i < TokenFormat.RANDOM_LENGTH; i++) {
      random.append(Base62.ALPHABET.charAt(RANDOM.nextInt(Base62.ALPHABET.length())));
    }
    return TokenSecret.assemble(kind, random.toString());
  }

  public static String personalToken() {
    return token(TokenKind.PERSONAL).reveal();
  }

  /** {@code token} with its last checksum character changed: the right shape, the wrong checksum. */
  public static String withWrongChecksum(String token) {
    char last = token.charAt(token.length() - 1);
    return token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
  }

  public static TenantId tenantId() {
    return new TenantId(UUID.randomUUID());
  }

  public static Tenant tenant() {
    return new Tenant(tenantId(), new DisplayName("Acme Corp"), CREATED, UPDATED);
  }

  public static Principal.OperatorPrincipal operator() {
    return new Principal.OperatorPrincipal();
  }

  public static Principal.TenantPrincipal member(TenantId tenantId, PermissionSet grants) {
    return new Principal.TenantPrincipal(
        tenantId,
        new Actor.UserRef(new UserId(UUID.randomUUID())),
        "Ada Lovelace",
        grants,
        new ApiTokenId(UUID.randomUUID()));
  }

  /** A user the operator acts for (no token; the operator is the means). */
  public static Principal.TenantPrincipal actedFor(TenantId tenantId, PermissionSet grants) {
    return Principal.TenantPrincipal.actedForByOperator(
        tenantId, new Actor.UserRef(new UserId(UUID.randomUUID())), "Grace Hopper", grants);
  }

  public static Role role(TenantId tenantId, PermissionSet grants, boolean apiAccess) {
    return new Role(tenantId, new RoleId(UUID.randomUUID()), new DisplayName("Support agent"), grants, apiAccess,
        CREATED, UPDATED, 3);
  }

  /** An active member (not the account holder) with version 4. */
  public static User user(TenantId tenantId, RoleId roleId) {
    return new User(tenantId, new UserId(UUID.randomUUID()), new EmailAddress("grace@example.com"),
        new DisplayName("Grace Hopper"), roleId, false, UserState.ACTIVE, CREATED, UPDATED, 4);
  }

  public static User accountHolder(TenantId tenantId, RoleId roleId) {
    return new User(
        tenantId,
        new UserId(UUID.randomUUID()),
        new EmailAddress("ada@example.com"),
        new DisplayName("Ada Lovelace"),
        roleId,
        true,
        UserState.ACTIVE,
        CREATED,
        UPDATED,
        7);
  }
}
