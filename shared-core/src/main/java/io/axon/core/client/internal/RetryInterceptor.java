package io.axon.core.client.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.function.DoubleSupplier;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a call that failed with an I/O error or a 5xx status, waiting between attempts with
 * exponential backoff and full jitter: before attempt {@code n + 1} a uniformly random delay in
 * {@code [0, min(maxDelay, baseDelay * 2^(n-1)))}. A 4xx is the caller's mistake and is returned at
 * once; so is the last 5xx, for the caller to read its error body.
 */
public final class RetryInterceptor implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger(RetryInterceptor.class);

  /** Waits between attempts; {@code Thread::sleep} outside tests. */
  public interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  private final int maxAttempts;
  private final long baseDelayMillis;
  private final long maxDelayMillis;
  private final Sleeper sleeper;
  private final DoubleSupplier random;

  /**
   * @param random uniform in [0, 1), e.g. {@code ThreadLocalRandom.current()::nextDouble}
   */
  public RetryInterceptor(
      int maxAttempts,
      long baseDelayMillis,
      long maxDelayMillis,
      Sleeper sleeper,
      DoubleSupplier random) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    if (baseDelayMillis < 0 || maxDelayMillis < baseDelayMillis) {
      throw new IllegalArgumentException(
          "need 0 <= baseDelay <= maxDelay, got " + baseDelayMillis + " and " + maxDelayMillis);
    }
    this.maxAttempts = maxAttempts;
    this.baseDelayMillis = baseDelayMillis;
    this.maxDelayMillis = maxDelayMillis;
    this.sleeper = sleeper;
    this.random = random;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    boolean repeatable = request.body() == null || !request.body().isOneShot();
    for (int attempt = 1; ; attempt++) {
      boolean last = attempt >= maxAttempts || !repeatable;
      Response response;
      try {
        response = buffered(chain.proceed(request));
      } catch (IOException e) {
        if (last || chain.call().isCanceled() || interrupted(e)) {
          throw e;
        }
        backOff(request, attempt, e.toString());
        continue;
      }
      if (response.code() < 500 || last) {
        return response;
      }
      response.close();
      backOff(request, attempt, "HTTP " + response.code());
    }
  }

  /**
   * Reads a 2xx body into memory here, so that a connection dropping halfway through a download is
   * retried like any other I/O error. Every reply of the coordinator API is read whole anyway.
   */
  private static Response buffered(Response response) throws IOException {
    if (!response.isSuccessful()) {
      return response;
    }
    try (ResponseBody body = response.body()) {
      byte[] bytes = body.bytes();
      return response.newBuilder().body(ResponseBody.create(bytes, body.contentType())).build();
    }
  }

  /** The delay before attempt {@code failedAttempt + 1}. */
  long delayMillis(int failedAttempt) {
    long ceiling = baseDelayMillis << Math.min(failedAttempt - 1, 30);
    if (ceiling < 0 || ceiling > maxDelayMillis) {
      ceiling = maxDelayMillis;
    }
    return (long) (random.getAsDouble() * ceiling);
  }

  private void backOff(Request request, int failedAttempt, String why) throws IOException {
    long delay = delayMillis(failedAttempt);
    log.warn(
        "{} {} failed ({}), attempt {} of {}; retrying in {} ms",
        request.method(),
        request.url().encodedPath(),
        why,
        failedAttempt,
        maxAttempts,
        delay);
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry " + request.url());
    }
  }

  /** A timeout is worth retrying; a thread being interrupted (shutdown) is not. */
  private static boolean interrupted(IOException e) {
    return Thread.currentThread().isInterrupted()
        || (e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException));
  }
}
