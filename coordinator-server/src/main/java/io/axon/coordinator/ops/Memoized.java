package io.axon.coordinator.ops;

import java.time.Duration;
import java.util.function.Supplier;

/** A supplier whose value is computed again only after it expired. Thread-safe. */
final class Memoized<T> implements Supplier<T> {
  private final Supplier<T> delegate;
  private final long expiryNanos;
  private T value;
  private long computedAt;

  private Memoized(Supplier<T> delegate, Duration expiry) {
    this.delegate = delegate;
    this.expiryNanos = expiry.toNanos();
  }

  static <T> Supplier<T> of(Supplier<T> delegate, Duration expiry) {
    return new Memoized<>(delegate, expiry);
  }

  @Override
  public synchronized T get() {
    long now = System.nanoTime();
    if (value == null || now - computedAt >= expiryNanos) {
      value = delegate.get();
      computedAt = now;
    }
    return value;
  }
}
