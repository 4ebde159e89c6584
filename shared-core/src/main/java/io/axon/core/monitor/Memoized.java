package io.axon.core.monitor;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A supplier that remembers its source's value for a fixed time, like OSHI's {@code Memoizer}, but
 * with a clock that tests can drive. Thread-safe: concurrent callers of an expired value wait for
 * one computation rather than sampling the machine twice. A source that throws caches nothing.
 *
 * @param <T> the value's type
 */
public final class Memoized<T> implements Supplier<T> {
  private final Supplier<T> source;
  private final long ttlNanos;
  private final LongSupplier nanoClock;

  private T value;
  private long fetchedAt;
  private boolean present;

  private Memoized(Supplier<T> source, Duration ttl, LongSupplier nanoClock) {
    this.source = Objects.requireNonNull(source, "source");
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must not be negative: " + ttl);
    }
    this.ttlNanos = ttl.toNanos();
  }

  /** Caches {@code source}'s value for {@code ttl}, timed by {@link System#nanoTime}. */
  public static <T> Memoized<T> of(Supplier<T> source, Duration ttl) {
    return new Memoized<>(source, ttl, System::nanoTime);
  }

  /** Caches {@code source}'s value for {@code ttl}, timed by {@code nanoClock} (nanoseconds). */
  public static <T> Memoized<T> of(Supplier<T> source, Duration ttl, LongSupplier nanoClock) {
    return new Memoized<>(source, ttl, nanoClock);
  }

  @Override
  public synchronized T get() {
    long now = nanoClock.getAsLong();
    if (!present || now - fetchedAt >= ttlNanos) {
      value = source.get();
      fetchedAt = now;
      present = true;
    }
    return value;
  }
}
