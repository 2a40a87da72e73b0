package dev.latchkey.adapter.grpc.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.grpc.support.FakeUseCases;
import dev.latchkey.adapter.grpc.support.RecordingServerCall;
import dev.latchkey.adapter.grpc.support.TestValues;
import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RefusalLogTest {
  private final AtomicLong nanos = new AtomicLong(1_000);
  private final List<String> lines = new ArrayList<>();
  private final RefusalLog refusals = new RefusalLog(10, nanos::get, lines::add);
  private final InetSocketAddress peer = new InetSocketAddress("192.0.2.7", 40123);

  @Test
  void atMostTheLimitIsWrittenInOneSecondAndTheNextLineCountsTheRest() {
    for (int i = 0; i < 25; i++) {
      refusals.refused("latchkey.v1.AuthService/GetCallerIdentity", peer, "unknown token");
    }
    assertThat(lines).hasSize(10);

    nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
    refusals.refused("latchkey.v1.AuthService/GetCallerIdentity", peer, "unknown token");

    assertThat(lines).hasSize(11);
    assertThat(lines.getLast()).endsWith("(15 more refusals not logged)");
    assertThat(lines.getFirst()).doesNotContain("more refusals");
  }

  @Test
  void aRefusedTokenIsLoggedWithThePeerAndWithoutTheToken() {
    String token = TestValues.personalToken();
    BearerAuthServerInterceptor interceptor = new BearerAuthServerInterceptor(new FakeUseCases(), refusals);
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    RecordingServerCall call =
        new RecordingServerCall(Attributes.newBuilder().set(Grpc.TRANSPORT_ATTR_REMOTE_ADDR, peer).build());

    interceptor.interceptCall(call, headers, (c, h) -> {
      throw new AssertionError("the call must not reach the service");
    });

    assertThat(call.closed.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(lines).singleElement().satisfies(line -> {
      assertThat(line).contains("192.0.2.7").contains("GetCallerIdentity").contains("unknown token");
      assertThat(line).doesNotContain(token).doesNotContain(token.substring(4, 20));
    });
  }
}
