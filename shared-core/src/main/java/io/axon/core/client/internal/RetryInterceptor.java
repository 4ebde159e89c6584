package io.axon.core.client.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;
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
 *
 * <p>With several {@link Coordinators}, each attempt is one pass over them: a failure moves on to
 * the next coordinator at once, and the backoff comes only after every one has failed. A call thus
 * makes at most {@code maxAttempts} tries per coordinator. When they all fail with I/O errors the
 * exception names every URL tried and why each failed.
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
  private final Coordinators coordinators;

  /**
   * Retries against the URL each request names.
   *
   * @param random uniform in [0, 1), e.g. {@code ThreadLocalRandom.current()::nextDouble}
   */
  public RetryInterceptor(
      int maxAttempts,
      long baseDelayMillis,
      long maxDelayMillis,
      Sleeper sleeper,
      DoubleSupplier random) {
    this(maxAttempts, baseDelayMillis, maxDelayMillis, sleeper, random, null);
  }

  /**
   * Retries and fails over between {@code coordinators}; requests must be built against {@link
   * Coordinators#primaryApi()}. {@code null} retries against the URL each request names.
   */
  public RetryInterceptor(
      int maxAttempts,
      long baseDelayMillis,
      long maxDelayMillis,
      Sleeper sleeper,
      DoubleSupplier random,
      Coordinators coordinators) {
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
    this.coordinators = coordinators;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    boolean repeatable = request.body() == null || !request.body().isOneShot();
    int urls = coordinators == null ? 1 : coordinators.size();
    int maxTries = maxAttempts * urls;
    // the last failure at each coordinator tried, in the order first tried
    Map<String, String> failures = new LinkedHashMap<>();
    for (int tries = 1; ; tries++) {
      boolean last = tries >= maxTries || !repeatable;
      int index = coordinators == null ? 0 : coordinators.current();
      Request routed = coordinators == null ? request : coordinators.route(request, index);
      Response response;
      try {
        response = buffered(chain.proceed(routed));
      } catch (IOException e) {
        if (chain.call().isCanceled() || interrupted(e)) {
          throw e;
        }
        failures.put(where(routed, index), e.toString());
        failed(index);
        if (last) {
          throw urls == 1 ? e : everyCoordinatorFailed(request, failures, e);
        }
        next(request, routed, index, tries, urls, e.toString());
        continue;
      }
      if (response.code() < 500) {
        if (coordinators != null) {
          coordinators.worked(index);
        }
        return response;
      }
      failures.put(where(routed, index), "HTTP " + response.code());
      failed(index);
      if (last) {
        return response;
      }
      response.close();
      next(request, routed, index, tries, urls, "HTTP " + response.code());
    }
  }

  private void failed(int index) {
    if (coordinators != null) {
      coordinators.failed(index);
    }
  }

  private String where(Request routed, int index) {
    return coordinators == null
        ? routed.url().toString()
        : coordinators.bases().get(index).toString();
  }

  /** Fails over to the next coordinator, or backs off once every one has failed in this round. */
  private void next(Request request, Request routed, int index, int tries, int urls, String why)
      throws IOException {
    if (tries % urls != 0) {
      log.warn(
          "{} {} failed at {} ({}); trying {}",
          request.method(),
          request.url().encodedPath(),
          coordinators.bases().get(index),
          why,
          coordinators.bases().get(coordinators.current()));
      return;
    }
    backOff(routed, tries / urls, urls == 1 ? why : "at every coordinator, last " + why);
  }

  private static IOException everyCoordinatorFailed(
      Request request, Map<String, String> failures, IOException last) {
    StringBuilder message =
        new StringBuilder(request.method())
            .append(' ')
            .append(request.url().encodedPath())
            .append(" failed at every coordinator tried:");
    String separator = " ";
    for (Map.Entry<String, String> failure : failures.entrySet()) {
      message.append(separator).append(failure.getKey()).append(" (").append(failure.getValue());
      message.append(')');
      separator = ", ";
    }
    // keep "could not connect" recognisable to callers that tell it apart
    IOException e =
        last instanceof ConnectException
            ? new ConnectException(message.toString())
            : new IOException(message.toString());
    e.initCause(last);
    return e;
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
