package dev.latchkey.benchmarks.suite;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.jspecify.annotations.Nullable;

/**
 * Drives one unary call with a fixed number of calls in flight (async stubs, a semaphore, the
 * channel's one HTTP/2 connection): a warm-up, then a measured window. Latencies of the calls started
 * in the window go to an HdrHistogram (3 significant digits).
 */
public final class LoadDriver {
  /**
   * One kind of call: a method, the channel (with the token, if any) to send it on, and its
   * requests: {@code requests} gets the call's number (0, 1, 2... in the order started, warm-up
   * included), so that each call may send another request (a batch of new records, say).
   *
   * @param deadlineSeconds each call's deadline; a call past it fails the window
   */
  public record Call<Q, R>(Channel channel, MethodDescriptor<Q, R> method, LongFunction<Q> requests,
      int deadlineSeconds) {
    /** The deadline of a call unless the scenario sets another. */
    public static final int DEFAULT_DEADLINE_SECONDS = 10;

    /** The same request on every call, the default deadline. */
    public Call(Channel channel, MethodDescriptor<Q, R> method, Q request) {
      this(channel, method, n -> request, DEFAULT_DEADLINE_SECONDS);
    }

    void start(long number, StreamObserver<R> observer) {
      ClientCalls.asyncUnaryCall(
          channel.newCall(method, CallOptions.DEFAULT.withDeadlineAfter(deadlineSeconds, TimeUnit.SECONDS)),
          requests.apply(number), observer);
    }
  }

  /**
   * What a window produced.
   *
   * @param calls calls started in the measured window that completed OK
   * @param seconds from the window's start until the last of them completed
   * @param completed every call that got an answer (OK or not), warm-up included
   * @param errors calls that failed (any status), warm-up included
   */
  public record Result(long calls, double seconds, Histogram latencies, long completed, long errors,
      @Nullable Throwable firstError) {
    public double callsPerSecond() {
      return calls / seconds;
    }

    /** The latency at {@code percentile} (0-100) in milliseconds. */
    public double millis(double percentile) {
      return latencies.getValueAtPercentile(percentile) / 1e6;
    }
  }

  private LoadDriver() {}

  /** Runs {@code call} at {@code concurrency} in flight; {@code atMeasureStart/End} run on this thread. */
  public static <R> Result drive(Call<?, R> call, int concurrency, int warmupSeconds, int measureSeconds,
      Runnable atMeasureStart, Runnable atMeasureEnd) throws InterruptedException {
    Semaphore permits = new Semaphore(concurrency);
    Recorder recorder = new Recorder(3);
    AtomicLong completed = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicReference<@Nullable Throwable> firstError = new AtomicReference<>();
    long measureStart = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds);
    long measureEnd = measureStart + TimeUnit.SECONDS.toNanos(measureSeconds);
    boolean measuring = false;
    for (long number = 0; ; number++) {
      permits.acquire();
      long now = System.nanoTime();
      if (now >= measureEnd) {
        permits.release();
        break;
      }
      if (!measuring && now >= measureStart) {
        measuring = true;
        atMeasureStart.run();
        recorder.reset(); // nothing recorded before the window
        now = System.nanoTime();
        measureStart = now;
      }
      boolean measured = measuring;
      long callStart = now;
      call.start(number, new StreamObserver<>() {
        @Override
        public void onNext(R value) {}

        @Override
        public void onError(Throwable t) {
          completed.incrementAndGet();
          errors.incrementAndGet();
          firstError.compareAndSet(null, t);
          permits.release();
        }

        @Override
        public void onCompleted() {
          completed.incrementAndGet();
          if (measured) {
            recorder.recordValue(System.nanoTime() - callStart);
          }
          permits.release();
        }
      });
    }
    if (!permits.tryAcquire(concurrency, call.deadlineSeconds() + 5L, TimeUnit.SECONDS)) {
      throw new IllegalStateException("calls still in flight after their deadline");
    }
    double seconds = (System.nanoTime() - measureStart) / 1e9;
    atMeasureEnd.run();
    Histogram latencies = recorder.getIntervalHistogram();
    return new Result(latencies.getTotalCount(), seconds, latencies, completed.get(), errors.get(), firstError.get());
  }

  /** As {@link #drive(Call, int, int, int, Runnable, Runnable)} without hooks; fails on any failed call. */
  public static <R> Result driveOk(String what, Call<?, R> call, int concurrency, int warmupSeconds,
      int measureSeconds) throws InterruptedException {
    Result result = drive(call, concurrency, warmupSeconds, measureSeconds, () -> {}, () -> {});
    requireNoErrors(what, result);
    return result;
  }

  public static void requireNoErrors(String what, Result result) {
    if (result.errors() > 0) {
      throw new IllegalStateException(what + ": " + result.errors() + " failed call(s), the first: "
          + result.firstError());
    }
  }
}
