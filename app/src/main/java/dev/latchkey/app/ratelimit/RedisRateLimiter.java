package dev.latchkey.app.ratelimit;

import dev.latchkey.application.lifecycle.PeriodicTask;
import dev.latchkey.application.lifecycle.Worker;
import dev.latchkey.application.port.out.RateLimiter;
import dev.latchkey.domain.ratelimit.RateLimitOutcome;
import dev.latchkey.domain.ratelimit.RequestsPerMinute;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Budgets shared by every instance that uses one Redis ({@code --redis-url}), exact across them
 * (see {@link RedisBuckets}), on Redis's clock (see {@link RedisClock}); budgets of 2,000 requests
 * a minute and more are taken a few requests at a time (see {@link PermitReservations}).
 *
 * <p>When Redis does not answer, calls go on: each instance limits alone, in memory, with its share
 * of each budget (the limit divided by the number of instances that last told Redis they were
 * alive, at least 1 a minute), logs that once, and goes back to Redis once it answers again (the
 * heartbeat asks every second; it logs that once too). A Redis command waits at most
 * {@link #COMMAND_TIMEOUT} (a command on a broken connection fails at once); after the first
 * failure calls no longer wait for Redis at all. A call whose compare-and-swap keeps losing to
 * other instances' may retry for up to {@link #CALL_TIMEOUT}: Redis answers then, and taking such
 * a call for an outage would let each instance start its share afresh.
 *
 * <p>The heartbeat also keeps the clock in step with Redis's {@code TIME} and keeps this instance in
 * a sorted set of live instances ({@code <prefix>instances}, score: the last beat in Redis time).
 */
public final class RedisRateLimiter implements RateLimiter, Worker {
  static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);
  /** All the Redis commands of one call together, compare-and-swap retries included. */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
  /**
   * Connecting happens on the heartbeat, never on a call: it may take longer than a command (a JVM
   * still starting on a busy machine needs it).
   */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  static final Duration HEARTBEAT = Duration.ofSeconds(1);
  /** An instance that has not beaten for this long is no longer counted. */
  static final Duration INSTANCE_TIMEOUT = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(RedisRateLimiter.class);

  private enum State { STARTING, SHARED, ALONE }

  private final RedisURI uri;
  private final String where;
  private final String keyPrefix;
  private final byte[] instancesKey;
  private final byte[] instanceId = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
  private final ClientResources resources;
  private final RedisClient client;
  private final RedisClock clock;
  private final InstantSource localClock;
  private final LongSupplier monotonicNanos;
  private volatile Bucket4jRateLimiter alone;
  private final PeriodicTask heartbeat;
  private volatile @Nullable Connected connected;
  private volatile State state = State.STARTING;
  private volatile long instances = 1;

  private record Connected(
      StatefulRedisConnection<byte[], byte[]> connection, RedisBuckets buckets, PermitReservations reservations) {}

  /**
   * @param url {@code redis://host:port} (or {@code rediss://} for TLS, with {@code user:password@} if needed)
   * @param keyPrefix put before every key this server writes, e.g. {@code latchkey:}
   * @param localClock this instance's clock, for the budgets it keeps alone while Redis is away
   */
  public RedisRateLimiter(String url, String keyPrefix, InstantSource localClock) {
    this(url, keyPrefix, localClock, System::nanoTime);
  }

  /** @param monotonicNanos {@link System#nanoTime}, or a clock running ahead or behind in tests */
  RedisRateLimiter(String url, String keyPrefix, InstantSource localClock, LongSupplier monotonicNanos) {
    this.uri = RedisURI.create(url);
    this.uri.setTimeout(CONNECT_TIMEOUT);
    this.where = uri.getHost() + ":" + uri.getPort();
    this.keyPrefix = keyPrefix;
    this.instancesKey = (keyPrefix + "instances").getBytes(StandardCharsets.UTF_8);
    this.resources = ClientResources.builder()
        .ioThreadPoolSize(2)
        .computationThreadPoolSize(2)
        .reconnectDelay(Delay.constant(Duration.ofMillis(500)))
        .build();
    this.client = RedisClient.create(resources, uri);
    client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        // While the connection is down, fail at once rather than queue: calls must not wait.
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
        .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
        .build());
    this.clock = new RedisClock(monotonicNanos);
    this.monotonicNanos = monotonicNanos;
    this.localClock = localClock;
    this.alone = new Bucket4jRateLimiter(localClock);
    this.heartbeat = PeriodicTask.every("redis-heartbeat", HEARTBEAT, this::beat);
  }

  /** Connects (or finds Redis away, and says so) before returning, then beats every second. */
  @Override
  public void start() {
    beat();
    heartbeat.start();
  }

  @Override
  public RateLimitOutcome tryConsume(String budget, RequestsPerMinute limit) {
    if (limit.isZero()) {
      throw new IllegalArgumentException("a zero limit is no limit: do not ask the limiter");
    }
    Connected redis = connected;
    if (redis != null && state == State.SHARED) {
      try {
        return redis.reservations().tryConsume(budget, limit);
      } catch (RuntimeException e) {
        away(e);
      }
    }
    return alone.tryConsume(budget, share(limit));
  }

  /** This instance's part of {@code limit} while Redis is away. */
  RequestsPerMinute share(RequestsPerMinute limit) {
    return new RequestsPerMinute(Math.max(1, limit.value() / instances));
  }

  /** Whether calls are counted in Redis right now (rather than by this instance alone). */
  boolean shared() {
    return state == State.SHARED;
  }

  /** How many instances this one last saw beating in Redis (itself included). */
  long instances() {
    return instances;
  }

  RedisBuckets buckets() {
    Connected redis = connected;
    if (redis == null) {
      throw new IllegalStateException("not connected to Redis");
    }
    return redis.buckets();
  }

  /** One beat: connect if need be, read Redis's time, count the live instances. */
  void beat() {
    try {
      Connected redis = connected;
      if (redis == null) {
        StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
        RedisBuckets buckets = new RedisBuckets(connection, keyPrefix + "ratelimit:", clock, CALL_TIMEOUT);
        redis = new Connected(connection, buckets, new PermitReservations(buckets::tryConsume,
            task -> Thread.ofVirtual().name("redis-take-ahead").start(task), monotonicNanos));
        connected = redis;
      }
      RedisCommands<byte[], byte[]> commands = redis.connection().sync();
      long sentAt = clock.monotonicNow();
      List<byte[]> time = commands.time();
      long receivedAt = clock.monotonicNow();
      long seconds = Long.parseLong(new String(time.get(0), StandardCharsets.US_ASCII));
      long micros = Long.parseLong(new String(time.get(1), StandardCharsets.US_ASCII));
      clock.synchronize(sentAt, TimeUnit.SECONDS.toNanos(seconds) + TimeUnit.MICROSECONDS.toNanos(micros), receivedAt);
      long nowMillis = TimeUnit.SECONDS.toMillis(seconds) + micros / 1000;
      commands.zadd(instancesKey, (double) nowMillis, instanceId);
      commands.zremrangebyscore(instancesKey, Range.create(0L, nowMillis - INSTANCE_TIMEOUT.toMillis()));
      commands.pexpire(instancesKey, INSTANCE_TIMEOUT.toMillis());
      instances = Math.max(1, commands.zcard(instancesKey));
      answers();
    } catch (RuntimeException e) {
      away(e);
    }
  }

  private synchronized void answers() {
    State before = state;
    state = State.SHARED;
    if (before == State.STARTING) {
      log.info("rate limits shared through Redis at {} ({} instance(s) sharing it)", where, instances);
    } else if (before == State.ALONE) {
      // What was counted alone is done with: the next outage starts every share afresh.
      alone = new Bucket4jRateLimiter(localClock);
      log.warn("Redis at {} answers again: budgets are shared again", where);
    }
  }

  private synchronized void away(RuntimeException cause) {
    State before = state;
    state = State.ALONE;
    if (before != State.ALONE) {
      log.warn("Redis at {} does not answer ({}): each instance limits alone with its share of each budget "
          + "(1/{}) until it does", where, cause.toString(), instances);
    }
  }

  @Override
  public void stop() {
    heartbeat.stop(Duration.ofSeconds(5));
    Connected redis = connected;
    connected = null;
    if (redis != null) {
      try {
        redis.connection().sync().zrem(instancesKey, instanceId);
      } catch (RuntimeException e) {
        // Redis away: the entry ages out of the set after INSTANCE_TIMEOUT.
      }
      redis.connection().close();
    }
    client.shutdown(0, 2, TimeUnit.SECONDS);
    try {
      resources.shutdown(0, 2, TimeUnit.SECONDS).get(3, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.warn("the Redis client's threads did not stop in time", e);
    }
  }

  @Override
  public String toString() {
    return "RedisRateLimiter[" + where + ", " + state + "]";
  }
}
