package dev.latchkey.benchmarks.suite;

import dev.latchkey.proto.v1.Action;
import dev.latchkey.proto.v1.AuthServiceGrpc;
import dev.latchkey.proto.v1.CheckAccessRequest;
import dev.latchkey.proto.v1.IntrospectTokenRequest;
import io.grpc.Channel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import java.util.ArrayList;
import java.util.List;

/**
 * What a resource server asks for each of its own requests: {@code IntrospectToken} and {@code
 * CheckAccess} of a token, 32 in flight, read against the health check at 32 in flight measured just
 * before. The caller is the tenant's account holder; the token asked about is another of its tokens.
 */
final class ResourceServerScenario implements Scenario {
  private static final int IN_FLIGHT = 32;

  @Override
  public String name() {
    return "resource-server";
  }

  @Override
  public List<Figure> measure(SuiteRun run) throws Exception {
    ServerCluster servers = run.servers(1);
    Channel channel = servers.instance(0).channel();
    ServerCluster.TenantOwner owner = servers.newTenant("resource server");
    ServerCluster.IssuedToken presented = servers.newPersonalToken(owner, 0, "presented to a resource server");
    Channel asCaller = ServerCluster.withToken(channel, owner.token());
    IntrospectTokenRequest introspect = IntrospectTokenRequest.newBuilder().setToken(presented.secret()).build();
    CheckAccessRequest check = CheckAccessRequest.newBuilder()
        .setToken(presented.secret())
        .setDataModel("companies")
        .setAction(Action.ACTION_READ)
        .build();
    var auth = AuthServiceGrpc.newBlockingStub(asCaller);
    if (!auth.introspectToken(introspect).getActive() || !auth.checkAccess(check).getAllowed()) {
      throw new IllegalStateException("the presented token should be active and allowed to read companies");
    }

    int warmup = run.mode().pick(1, 5);
    int window = run.mode().pick(2, 15);
    run.progress("resource server: health, IntrospectToken, CheckAccess at %d in flight (%d s + %d s each)", IN_FLIGHT,
        warmup, window);
    LoadDriver.Result base = LoadDriver.driveOk("health", new LoadDriver.Call<>(channel, HealthGrpc.getCheckMethod(),
        HealthCheckRequest.getDefaultInstance()), IN_FLIGHT, warmup, window);
    LoadDriver.Result introspected = LoadDriver.driveOk("IntrospectToken",
        new LoadDriver.Call<>(asCaller, AuthServiceGrpc.getIntrospectTokenMethod(), introspect), IN_FLIGHT, warmup,
        window);
    LoadDriver.Result checked = LoadDriver.driveOk("CheckAccess",
        new LoadDriver.Call<>(asCaller, AuthServiceGrpc.getCheckAccessMethod(), check), IN_FLIGHT, warmup, window);
    String baseline = "the health check, " + IN_FLIGHT + " in flight";
    List<Figure> figures = new ArrayList<>();
    figures.addAll(ServerCallsScenario.compared("resource.introspect", "IntrospectToken, " + IN_FLIGHT + " in flight",
        introspected, base, baseline));
    figures.addAll(ServerCallsScenario.compared("resource.check-access", "CheckAccess, " + IN_FLIGHT + " in flight",
        checked, base, baseline));
    return figures;
  }
}
