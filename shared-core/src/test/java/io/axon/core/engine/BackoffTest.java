package io.axon.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void doublesEachWaitUpToTheCapWithJitterOfAtMostHalf() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(400));
    long[] steps = {100, 200, 400, 400, 400};
    for (long step : steps) {
      assertThat(backoff.next().toMillis()).isBetween(step / 2, step);
    }
  }

  @Test
  void startsOverAfterASuccess() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10));
    for (int i = 0; i < 5; i++) {
      backoff.next();
    }
    backoff.reset();

    assertThat(backoff.next().toMillis()).isBetween(50L, 100L);
  }
}
