package io.axon.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemoizedTest {
  private final AtomicLong nanos = new AtomicLong(1_000);
  private final AtomicInteger calls = new AtomicInteger();

  @Test
  void reusesTheValueWithinTheTtlAndFetchesAgainAfterIt() {
    Memoized<Integer> memo = Memoized.of(calls::incrementAndGet, Duration.ofSeconds(1), nanos::get);

    assertThat(memo.get()).isEqualTo(1);
    nanos.addAndGet(999_999_999);
    assertThat(memo.get()).isEqualTo(1);
    nanos.addAndGet(1);
    assertThat(memo.get()).isEqualTo(2);
    assertThat(calls).hasValue(2);
  }

  @Test
  void aZeroTtlFetchesEveryTime() {
    Memoized<Integer> memo = Memoized.of(calls::incrementAndGet, Duration.ZERO, nanos::get);

    memo.get();
    memo.get();

    assertThat(calls).hasValue(2);
  }

  @Test
  void aSourceThatThrowsCachesNothing() {
    Memoized<Integer> memo =
        Memoized.of(
            () -> {
              if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("sensor busy");
              }
              return calls.get();
            },
            Duration.ofSeconds(1),
            nanos::get);

    assertThatThrownBy(memo::get).hasMessage("sensor busy");
    assertThat(memo.get()).isEqualTo(2);
  }

  @Test
  void rejectsANegativeTtl() {
    assertThatThrownBy(() -> Memoized.of(calls::incrementAndGet, Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
