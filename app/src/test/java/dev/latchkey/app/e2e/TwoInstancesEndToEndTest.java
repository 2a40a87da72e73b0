package dev.latchkey.app.e2e;

import static dev.latchkey.app.e2e.RunningLatchkey.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.adapter.postgres.testing.Sql;
import dev.latchkey.adapter.postgres.testing.TestDatabases;
import dev.latchkey.app.config.ServerConfig;
import dev.latchkey.app.crypto.Pepper;
import dev.latchkey.app.server.LatchkeyServer;
import dev.latchkey.proto.v1.Action;
import dev.latchkey.proto.v1.ApiToken;
import dev.latchkey.proto.v1.ApiTokenServiceGrpc;
import dev.latchkey.proto.v1.AuthServiceGrpc;
import dev.latchkey.proto.v1.CreateApiTokenRequest;
import dev.latchkey.proto.v1.CreateApiTokenResponse;
import dev.latchkey.proto.v1.CreatePrivateAppRequest;
import dev.latchkey.proto.v1.CreateRoleRequest;
import dev.latchkey.proto.v1.CreateTenantRequest;
import dev.latchkey.proto.v1.CreateTenantResponse;
import dev.latchkey.proto.v1.CreateUserRequest;
import dev.latchkey.proto.v1.DeactivateUserRequest;
import dev.latchkey.proto.v1.DeleteApiTokenRequest;
import dev.latchkey.proto.v1.DisablePrivateAppRequest;
import dev.latchkey.proto.v1.GetCallerIdentityRequest;
import dev.latchkey.proto.v1.Grant;
import dev.latchkey.proto.v1.PrivateApp;
import dev.latchkey.proto.v1.PrivateAppServiceGrpc;
import dev.latchkey.proto.v1.Role;
import dev.latchkey.proto.v1.RoleServiceGrpc;
import dev.latchkey.proto.v1.Tenant;
import dev.latchkey.proto.v1.TenantServiceGrpc;
import dev.latchkey.proto.v1.User;
import dev.latchkey.proto.v1.UserServiceGrpc;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Two instances on one database, as when Latchkey is scaled out: each caches the tokens it has
 * verified, and a change made through one is honoured by the other within seconds (PostgreSQL
 * NOTIFY arrives after the commit), by the one that made it at once.
 */
class TwoInstancesEndToEndTest {
  /** How long the other instance may take to hear of a change; NOTIFY takes milliseconds. */
  private static final Duration CROSS_INSTANCE_BOUND = Duration.ofSeconds(5);
  /** Shorter than CredentialCache.ABSENT_TIME_TO_LIVE, so that expiry cannot pass for the announcement. */
  private static final Duration ABSENCE_HEARD_BOUND = Duration.ofSeconds(2);
  private static final Grant TICKETS_READ =
      Grant.newBuilder().setDataModel("tickets").addActions(Action.ACTION_READ).build();

  private static String databaseUrl;
  private static Path dir;
  private static LatchkeyServer a;
  private static LatchkeyServer b;
  private static ManagedChannel channelA;
  private static ManagedChannel channelB;
  private static String operatorToken;

  @BeforeAll
  static void twoInstancesOnOneDatabase() throws IOException {
    databaseUrl = TestDatabases.createDatabase(TwoInstancesEndToEndTest.class.getSimpleName());
    dir = Files.createTempDirectory("latchkey-two-");
    String pepper = Pepper.generate(new SecureRandom());
    Path operatorTokenFile = dir.resolve("operator-token");
    a = LatchkeyServer.start(config(Files.createDirectory(dir.resolve("a")), operatorTokenFile, pepper));
    b = LatchkeyServer.start(config(Files.createDirectory(dir.resolve("b")), operatorTokenFile, pepper));
    channelA = NettyChannelBuilder.forAddress("127.0.0.1", a.port()).usePlaintext().build();
    channelB = NettyChannelBuilder.forAddress("127.0.0.1", b.port()).usePlaintext().build();
    operatorToken = Files.readString(operatorTokenFile).strip();
    // Each instance turns its cache on once its listener hears; until then these tests would prove nothing.
    awaitCaching(channelA);
    awaitCaching(channelB);
  }

  @AfterAll
  static void stop() throws Exception {
    for (ManagedChannel channel : new ManagedChannel[] {channelA, channelB}) {
      if (channel != null) {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
    for (LatchkeyServer server : new LatchkeyServer[] {a, b}) {
      if (server != null) {
        server.close();
      }
    }
    if (databaseUrl != null) {
      TestDatabases.dropDatabase(databaseUrl);
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void anAppDisabledThroughOneInstanceIsRefusedByTheOtherWithinSeconds() {
    CreateTenantResponse tenant = createTenant("Disable Co");
    PrivateApp app = createApp(channelA, tenant.getOwnerTokenSecret(), "Sync");
    String token = createToken(channelA, bearer(tenant.getOwnerTokenSecret()), app.getName()).getSecret();
    assertCachedOn(channelB, token, app.getName());

    PrivateAppServiceGrpc.newBlockingStub(channelA).withCallCredentials(bearer(tenant.getOwnerTokenSecret()))
        .disablePrivateApp(DisablePrivateAppRequest.newBuilder().setName(app.getName()).build());

    assertRefusedWithinTheBound(channelB, token);
  }

  @Test
  void aTokenDeletedThroughOneInstanceIsRefusedByTheOtherWithinSeconds() {
    CreateTenantResponse tenant = createTenant("Delete Co");
    PrivateApp app = createApp(channelA, tenant.getOwnerTokenSecret(), "Sync");
    CreateApiTokenResponse created = createToken(channelA, bearer(tenant.getOwnerTokenSecret()), app.getName());
    String kept = createToken(channelA, bearer(tenant.getOwnerTokenSecret()), app.getName()).getSecret();
    assertCachedOn(channelB, created.getSecret(), app.getName());
    assertCachedOn(channelB, kept, app.getName());

    ApiTokenServiceGrpc.newBlockingStub(channelA).withCallCredentials(bearer(tenant.getOwnerTokenSecret()))
        .deleteApiToken(DeleteApiTokenRequest.newBuilder().setName(created.getApiToken().getName()).build());

    assertRefusedWithinTheBound(channelB, created.getSecret());
    assertThat(identityOf(channelB, kept)).isEqualTo(app.getName());
  }

  @Test
  void aUserDeactivatedThroughOneInstanceIsRefusedByTheOtherWithinSeconds() {
    CreateTenantResponse tenant = createTenant("Deactivate Co");
    User member = createMemberWithApiAccess(tenant);
    String token = createToken(channelA, actAs(tenant, member), member.getName()).getSecret();
    assertCachedOn(channelB, token, member.getName());

    UserServiceGrpc.newBlockingStub(channelA).withCallCredentials(bearer(tenant.getOwnerTokenSecret()))
        .deactivateUser(DeactivateUserRequest.newBuilder().setName(member.getName()).build());

    assertRefusedWithinTheBound(channelB, token);
  }

  @Test
  void theInstanceThatMadeTheChangeRefusesOnTheVeryNextCall() {
    CreateTenantResponse tenant = createTenant("Same Instance Co");
    PrivateApp app = createApp(channelA, tenant.getOwnerTokenSecret(), "Sync");
    String appToken = createToken(channelA, bearer(tenant.getOwnerTokenSecret()), app.getName()).getSecret();
    CreateApiTokenResponse doomed = createToken(channelA, bearer(tenant.getOwnerTokenSecret()), app.getName());
    User member = createMemberWithApiAccess(tenant);
    String memberToken = createToken(channelA, actAs(tenant, member), member.getName()).getSecret();
    assertCachedOn(channelA, appToken, app.getName());
    assertCachedOn(channelA, doomed.getSecret(), app.getName());
    assertCachedOn(channelA, memberToken, member.getName());

    ApiTokenServiceGrpc.newBlockingStub(channelA).withCallCredentials(bearer(tenant.getOwnerTokenSecret()))
        .deleteApiToken(DeleteApiTokenRequest.newBuilder().setName(doomed.getApiToken().getName()).build());
    assertUnauthenticated(channelA, doomed.getSecret());

    UserServiceGrpc.newBlockingStub(channelA).withCallCredentials(bearer(tenant.getOwnerTokenSecret()))
        .deactivateUser(DeactivateUserRequest.newBuilder().setName(member.getName()).build());
    assertUnauthenticated(channelA, memberToken);

    PrivateAppServiceGrpc.newBlockingStub(channelA).withCallCredentials(bearer(tenant.getOwnerTokenSecret()))
        .disablePrivateApp(DisablePrivateAppRequest.newBuilder().setName(app.getName()).build());
    assertUnauthenticated(channelA, appToken);
  }

  private static ServerConfig config(Path dataDir, Path operatorTokenFile, String pepper) {
    // Polls until caches settle: more calls a minute than the default rate limit allows.
    return new ServerConfig("127.0.0.1", 0, Optional.of(databaseUrl), dataDir, Optional.of(operatorTokenFile),
        Optional.empty(), Optional.of(pepper), Optional.empty(), Optional.empty(), RunningLatchkey.GENEROUS_RATE_LIMIT);
  }

  /**
   * Waits until {@code channel}'s instance caches verified tokens: a token it has just verified keeps
   * working for a moment after its app is disabled behind Latchkey's back (no announcement).
   */
  private static void awaitCaching(ManagedChannel channel) {
    CreateTenantResponse canary = createTenant("Canary");
    PrivateApp app = createApp(channelA, canary.getOwnerTokenSecret(), "Canary");
    String token = createToken(channelA, bearer(canary.getOwnerTokenSecret()), app.getName()).getSecret();
    String id = app.getName().substring(app.getName().indexOf('/') + 1);
    DataSource database = dataSource();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      assertThat(identityOf(channel, token)).isEqualTo(app.getName());
      Sql.execute(database, "update private_app set state = 'DISABLED' where id = '" + id + "'");
      boolean servedFromCache = accepted(channel, token);
      Sql.execute(database, "update private_app set state = 'ENABLED' where id = '" + id + "'");
      if (servedFromCache) {
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("the instance never started caching verified tokens");
      }
      sleep(Duration.ofMillis(50));
    }
  }

  /** Verifies {@code token} on {@code channel}'s instance twice, so that it is cached there. */
  private static void assertCachedOn(ManagedChannel channel, String token, String principal) {
    assertThat(identityOf(channel, token)).isEqualTo(principal);
    assertThat(identityOf(channel, token)).isEqualTo(principal);
  }

  /** Polls, for at most {@link #CROSS_INSTANCE_BOUND}, until the token is refused. */
  @Test
  void aTokenCreatedInAnyTenantThroughOneInstanceEndsWhatTheOtherRemembersAsAbsent() {
    CreateTenantResponse tenant = createTenant("Absent Co");
    PrivateApp app = createApp(channelA, tenant.getOwnerTokenSecret(), "Sync");
    CreateApiTokenResponse created = createToken(channelA, bearer(tenant.getOwnerTokenSecret()), app.getName());
    String id = created.getApiToken().getName().substring(created.getApiToken().getName().lastIndexOf('/') + 1);
    // Hidden behind the services' back (no announcement), B finds it absent and remembers that...
    Sql.execute(dataSource(), "update api_token set delete_time = now() where id = '" + id + "'");
    assertUnauthenticated(channelB, created.getSecret());
    // ...and it comes back unannounced, as if created now.
    Sql.execute(dataSource(), "update api_token set delete_time = null where id = '" + id + "'");

    CreateTenantResponse other = createTenant("Elsewhere Co");
    createToken(channelA, bearer(other.getOwnerTokenSecret()), createApp(channelA, other.getOwnerTokenSecret(), "X")
        .getName());

    // Well within the few seconds absence is remembered for: only the announcement can explain it.
    long deadline = System.nanoTime() + ABSENCE_HEARD_BOUND.toNanos();
    boolean accepted = accepted(channelB, created.getSecret());
    while (!accepted && System.nanoTime() - deadline < 0) {
      sleep(Duration.ofMillis(20));
      accepted = accepted(channelB, created.getSecret());
    }
    assertThat(accepted).as("accepted by the other instance within " + ABSENCE_HEARD_BOUND).isTrue();
  }

  private static void assertRefusedWithinTheBound(ManagedChannel channel, String token) {
    long deadline = System.nanoTime() + CROSS_INSTANCE_BOUND.toNanos();
    boolean refused = !accepted(channel, token);
    while (!refused && System.nanoTime() - deadline < 0) {
      sleep(Duration.ofMillis(20));
      refused = !accepted(channel, token);
    }
    assertThat(refused).as("refused by the other instance within " + CROSS_INSTANCE_BOUND).isTrue();
    // ...and for good.
    assertUnauthenticated(channel, token);
  }

  private static boolean accepted(ManagedChannel channel, String token) {
    try {
      identityOf(channel, token);
      return true;
    } catch (StatusRuntimeException e) {
      assertThat(e.getStatus().getCode()).as(e.getStatus().toString()).isEqualTo(Status.Code.UNAUTHENTICATED);
      return false;
    }
  }

  private static void assertUnauthenticated(ManagedChannel channel, String token) {
    assertThatThrownBy(() -> identityOf(channel, token)).isInstanceOfSatisfying(StatusRuntimeException.class,
        e -> assertThat(e.getStatus().getCode()).as(e.getStatus().toString()).isEqualTo(Status.Code.UNAUTHENTICATED));
  }

  private static String identityOf(ManagedChannel channel, String token) {
    return AuthServiceGrpc.newBlockingStub(channel).withCallCredentials(bearer(token))
        .getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance()).getPrincipal();
  }

  private static CreateTenantResponse createTenant(String name) {
    return TenantServiceGrpc.newBlockingStub(channelA).withCallCredentials(bearer(operatorToken))
        .createTenant(CreateTenantRequest.newBuilder()
            .setTenant(Tenant.newBuilder().setDisplayName(name))
            .setOwnerEmail("owner-" + System.nanoTime() + "@two.test")
            .setOwnerDisplayName("Owner of " + name)
            .build());
  }

  private static PrivateApp createApp(ManagedChannel channel, String token, String name) {
    return PrivateAppServiceGrpc.newBlockingStub(channel).withCallCredentials(bearer(token))
        .createPrivateApp(CreatePrivateAppRequest.newBuilder()
            .setPrivateApp(PrivateApp.newBuilder().setDisplayName(name).addGrants(TICKETS_READ))
            .build());
  }

  private static CreateApiTokenResponse createToken(ManagedChannel channel, CallCredentials as, String owner) {
    return ApiTokenServiceGrpc.newBlockingStub(channel).withCallCredentials(as)
        .createApiToken(CreateApiTokenRequest.newBuilder().setParent(owner)
            .setApiToken(ApiToken.newBuilder().setDisplayName("token")).build());
  }

  private static User createMemberWithApiAccess(CreateTenantResponse tenant) {
    Role role = RoleServiceGrpc.newBlockingStub(channelA).withCallCredentials(bearer(tenant.getOwnerTokenSecret()))
        .createRole(CreateRoleRequest.newBuilder().setRole(Role.newBuilder()
            .setDisplayName("Integrators").setApiAccess(true).addGrants(TICKETS_READ)).build());
    return UserServiceGrpc.newBlockingStub(channelA).withCallCredentials(bearer(tenant.getOwnerTokenSecret()))
        .createUser(CreateUserRequest.newBuilder().setUser(User.newBuilder()
            .setEmail("member-" + System.nanoTime() + "@two.test").setDisplayName("Member").setRole(role.getName()))
            .build());
  }

  /** The operator acting for {@code user}, as the product's web app does for a signed-in person. */
  private static CallCredentials actAs(CreateTenantResponse tenant, User user) {
    String actAs = tenant.getTenant().getName() + "/" + user.getName();
    return new CallCredentials() {
      @Override
      public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + operatorToken);
        headers.put(Metadata.Key.of("latchkey-act-as", Metadata.ASCII_STRING_MARSHALLER), actAs);
        applier.apply(headers);
      }
    };
  }

  private static DataSource dataSource() {
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setUrl(databaseUrl);
    return source;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
