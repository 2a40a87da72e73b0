package dev.latchkey.application.service;

import dev.latchkey.application.port.in.AuthenticateTokenUseCase;
import dev.latchkey.application.port.in.TokenCheck;
import dev.latchkey.application.port.out.ApiTokenRepository;
import dev.latchkey.application.port.out.IngestTokenRepository;
import dev.latchkey.application.port.out.OperatorCredentials;
import dev.latchkey.application.port.out.PrivateAppRepository;
import dev.latchkey.application.port.out.TokenUsage;
import dev.latchkey.application.port.out.RoleRepository;
import dev.latchkey.application.port.out.TokenHasher;
import dev.latchkey.application.port.out.UserRepository;
import dev.latchkey.domain.analytics.IngestToken;
import dev.latchkey.domain.error.PermissionDeniedException;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.token.ApiToken;
import dev.latchkey.domain.token.TokenDigest;
import dev.latchkey.domain.token.TokenKind;
import dev.latchkey.domain.token.TokenSecret;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.user.User;
import dev.latchkey.domain.user.UserId;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/** Checks bearer tokens: the first step of every authenticated call. */
public final class AuthenticateTokenService implements AuthenticateTokenUseCase {
  /** An ingest token's last use time is written at most this often. */
  static final java.time.Duration LAST_USE_GRANULARITY = java.time.Duration.ofMinutes(1);

  private final TokenHasher hasher;
  private final OperatorCredentials operator;
  private final ApiTokenRepository tokens;
  private final UserRepository users;
  private final RoleRepository roles;
  private final PrivateAppRepository apps;
  private final TokenUsage usage;
  private final InstantSource clock;
  private final CredentialCache cache;
  private final TokenLookups lookups;
  private final IngestTokenRepository ingestTokens;

  /** A service whose lookups are bounded only by the connection pool; for tests and tools. */
  public AuthenticateTokenService(
      TokenHasher hasher,
      OperatorCredentials operator,
      ApiTokenRepository tokens,
      UserRepository users,
      RoleRepository roles,
      PrivateAppRepository apps,
      TokenUsage usage,
      InstantSource clock,
      CredentialCache cache,
      IngestTokenRepository ingestTokens) {
    this(hasher, operator, tokens, users, roles, apps, usage, clock, cache,
        new TokenLookups(Integer.MAX_VALUE, java.time.Duration.ZERO), ingestTokens);
  }

  @Inject
  public AuthenticateTokenService(
      TokenHasher hasher,
      OperatorCredentials operator,
      ApiTokenRepository tokens,
      UserRepository users,
      RoleRepository roles,
      PrivateAppRepository apps,
      TokenUsage usage,
      InstantSource clock,
      CredentialCache cache,
      TokenLookups lookups,
      IngestTokenRepository ingestTokens) {
    this.hasher = hasher;
    this.ingestTokens = ingestTokens;
    this.operator = operator;
    this.tokens = tokens;
    this.users = users;
    this.roles = roles;
    this.apps = apps;
    this.usage = usage;
    this.clock = clock;
    this.cache = cache;
    this.lookups = lookups;
  }

  @Override
  public TokenCheck authenticate(String presented) {
    Optional<TokenSecret> parsed = TokenSecret.parse(presented);
    if (parsed.isEmpty()) {
      return new TokenCheck.Malformed();
    }
    TokenSecret secret = parsed.get();
    return switch (secret.kind()) {
      case OPERATOR -> operator.matches(secret)
          ? new TokenCheck.Valid(new Principal.OperatorPrincipal())
          : new TokenCheck.Unknown();
      case PERSONAL, PRIVATE_APP -> checkIssued(secret);
      case TENANT_INGEST -> checkIngest(secret);
    };
  }

  private TokenCheck checkIssued(TokenSecret secret) {
    TokenDigest digest = hasher.digest(secret);
    if (cache.isKnownAbsent(digest)) {
      return new TokenCheck.Unknown();
    }
    TokenCheck[] refusal = {new TokenCheck.Unknown()};
    Optional<Principal.TenantPrincipal> principal = cache.get(digest, () -> {
      long changeStamp = cache.changeStamp();
      TokenCheck check = lookups.lookUp(digest, changeStamp, () -> checkStored(secret, digest, changeStamp));
      if (check instanceof TokenCheck.Valid(Principal.TenantPrincipal found)) {
        return Optional.of(found);
      }
      refusal[0] = check;
      return Optional.empty();
    });
    if (principal.isEmpty()) {
      return refusal[0];
    }
    usage.used(principal.get().tenantId(), principal.get().token().orElseThrow(), clock.instant());
    return new TokenCheck.Valid(principal.get());
  }

  /**
   * An ingest token: looked up every time (bounded and shared like other lookups, but never cached
   * as valid), so that the end of an overlap or a cut-off rotation applies on the next call.
   */
  private TokenCheck checkIngest(TokenSecret secret) {
    TokenDigest digest = hasher.digest(secret);
    if (cache.isKnownAbsent(digest)) {
      return new TokenCheck.Unknown();
    }
    long changeStamp = cache.changeStamp();
    return lookups.lookUp(digest, changeStamp, () -> {
      Optional<IngestToken> found = ingestTokens.findByDigest(digest);
      if (found.isEmpty()) {
        for (TokenDigest previous : hasher.previousDigests(secret)) {
          found = ingestTokens.findByDigest(previous);
          if (found.isPresent()) {
            ingestTokens.rehash(found.get(), digest);
            break;
          }
        }
      }
      Instant now = clock.instant();
      if (found.isEmpty() || !found.get().isLiveAt(now)) {
        if (found.isEmpty()) {
          cache.rememberAbsent(digest, changeStamp);
        }
        return new TokenCheck.Unknown();
      }
      IngestToken token = found.get();
      if (token.lastUseTime().map(last -> last.isBefore(now.minus(LAST_USE_GRANULARITY))).orElse(true)) {
        ingestTokens.used(token, now);
      }
      return new TokenCheck.Valid(new Principal.IngestPrincipal(token.tenantId(), token.id()));
    });
  }

  private TokenCheck checkStored(TokenSecret secret, TokenDigest digest, long changeStamp) {
    Optional<ApiToken> found = tokens.findByDigest(digest);
    if (found.isEmpty()) {
      found = findUnderPreviousPeppers(secret, digest);
    }
    if (found.isEmpty()) {
      // Absence alone is remembered: an owner's state may change back at any moment.
      cache.rememberAbsent(digest, changeStamp);
      return new TokenCheck.Unknown();
    }
    ApiToken token = found.get();
    if (ApiToken.kindFor(token.owner()) != secret.kind()) {
      // A digest collision across kinds is not a real possibility; refusing keeps the prefix honest.
      return new TokenCheck.Unknown();
    }
    return switch (token.owner()) {
      case Actor.UserRef ref -> checkUser(token, ref);
      case Actor.PrivateAppRef ref -> checkApp(token, ref);
      case Actor.Operator o -> new TokenCheck.Unknown();
      case Actor.TenantIngest i -> new TokenCheck.Unknown();
    };
  }

  /**
   * The token stored under a pepper being rotated out, re-hashed to the primary pepper on this use,
   * so that the old pepper can be removed once its tokens have been seen.
   */
  private Optional<ApiToken> findUnderPreviousPeppers(TokenSecret secret, TokenDigest primary) {
    for (TokenDigest previous : hasher.previousDigests(secret)) {
      Optional<ApiToken> found = tokens.findByDigest(previous);
      if (found.isPresent()) {
        tokens.rehash(found.get(), primary);
        return found;
      }
    }
    return Optional.empty();
  }

  private TokenCheck checkApp(ApiToken token, Actor.PrivateAppRef ref) {
    Optional<PrivateApp> app = apps.findById(token.tenantId(), ref.id());
    // Deleted: never again. Disabled: until it is enabled.
    if (app.isEmpty() || !app.get().isEnabled()) {
      return new TokenCheck.OwnerInactive();
    }
    return new TokenCheck.Valid(new Principal.TenantPrincipal(
        token.tenantId(), ref, app.get().displayName().value(), app.get().grants(), token.id()));
  }

  private TokenCheck checkUser(ApiToken token, Actor.UserRef ref) {
    Optional<User> user = users.findById(token.tenantId(), ref.id());
    if (user.isEmpty() || !user.get().isActive()) {
      return new TokenCheck.OwnerInactive();
    }
    User owner = user.get();
    PermissionSet grants;
    if (owner.accountHolder()) {
      grants = PermissionSet.all();
    } else {
      Optional<Role> role = roles.findById(token.tenantId(), owner.roleId());
      // Without API access the user's tokens stop working, until the role allows it again.
      if (role.isEmpty() || !role.get().apiAccess()) {
        return new TokenCheck.OwnerInactive();
      }
      grants = role.get().grants();
    }
    return new TokenCheck.Valid(new Principal.TenantPrincipal(
        token.tenantId(), ref, owner.displayName().value(), grants, token.id()));
  }

  @Override
  public TokenCheck actAs(Principal caller, TenantId tenant, UserId userId) {
    if (!(caller instanceof Principal.OperatorPrincipal)) {
      throw new PermissionDeniedException("only the operator token may act for a user");
    }
    Optional<User> user = users.findById(tenant, userId);
    if (user.isEmpty() || !user.get().isActive()) {
      return new TokenCheck.OwnerInactive();
    }
    User person = user.get();
    // The person signed in to the product: API access is about tokens, not about them.
    PermissionSet grants = person.accountHolder()
        ? PermissionSet.all()
        : roles.findById(tenant, person.roleId()).map(Role::grants).orElse(PermissionSet.none());
    return new TokenCheck.Valid(Principal.TenantPrincipal.actedForByOperator(
        tenant, person.ref(), person.displayName().value(), grants));
  }
}
