package io.axon.core.prefs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.core.prefs.Preferences.NetworkLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransferBudgetTest {
  private static final NetworkLimits HUNDRED_MB_A_WEEK = new NetworkLimits(100, 7, 0, 0);

  @TempDir Path dataDir;

  private final FakeClock clock =
      new FakeClock(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void countsBytesUntilTheCapIsReached() throws Exception {
    TransferBudget budget = TransferBudget.open(dataDir, clock);

    budget.record(60_000_000);
    assertThat(budget.remaining(HUNDRED_MB_A_WEEK)).isEqualTo(40_000_000);
    assertThat(budget.exhausted(HUNDRED_MB_A_WEEK)).isFalse();
    budget.record(50_000_000);
    assertThat(budget.used(HUNDRED_MB_A_WEEK)).isEqualTo(110_000_000);
    assertThat(budget.remaining(HUNDRED_MB_A_WEEK)).isZero();
    assertThat(budget.exhausted(HUNDRED_MB_A_WEEK)).isTrue();
  }

  @Test
  void thePeriodRollsDayByDay() throws Exception {
    TransferBudget budget = TransferBudget.open(dataDir, clock);
    budget.record(70_000_000);
    clock.advance(Duration.ofDays(3));
    budget.record(30_000_000);

    clock.advance(Duration.ofDays(3)); // day 7 of the first transfer: both still count
    assertThat(budget.exhausted(HUNDRED_MB_A_WEEK)).isTrue();
    clock.advance(Duration.ofDays(1)); // the first transfer left the window
    assertThat(budget.used(HUNDRED_MB_A_WEEK)).isEqualTo(30_000_000);
    assertThat(budget.exhausted(HUNDRED_MB_A_WEEK)).isFalse();
  }

  @Test
  void noCapMeansNeverExhausted() throws Exception {
    TransferBudget budget = TransferBudget.open(dataDir, clock);
    budget.record(Long.MAX_VALUE / 2);

    assertThat(budget.exhausted(new NetworkLimits(0, 1, 0, 0))).isFalse();
  }

  @Test
  void survivesARestart() throws Exception {
    TransferBudget.open(dataDir, clock).record(99_000_000);

    TransferBudget reopened = TransferBudget.open(dataDir, clock);

    assertThat(reopened.used(HUNDRED_MB_A_WEEK)).isEqualTo(99_000_000);
    assertThat(Files.readString(dataDir.resolve("transfers.json")))
        .contains("\"2026-11-25\": 99000000");
  }

  @Test
  void aDamagedCounterIsAnErrorNotAFreshStart() throws Exception {
    Files.writeString(dataDir.resolve("transfers.json"), "{\"yesterday\": 5}");

    assertThatThrownBy(() -> TransferBudget.open(dataDir, clock))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("unreadable transfer counter");
  }

  @Test
  void rejectsNegativeByteCounts() throws Exception {
    TransferBudget budget = TransferBudget.open(dataDir, clock);

    assertThatThrownBy(() -> budget.record(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
