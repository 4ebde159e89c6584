package io.axon.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EngineConfigTest {
  private static final Path DIR = Path.of("data");

  @Test
  void runsUntilStoppedUnlessMaxUnitsIsGiven() {
    assertThat(new EngineConfig("http://localhost:8080", DIR, 2, "pi").maxUnits()).isZero();
  }

  @Test
  void keepsOneUnitQueuedUnlessToldOtherwiseAndKeepsTheBufferWhenTheIntervalChanges() {
    EngineConfig config = new EngineConfig("http://localhost:8080", DIR, 2, "pi");

    assertThat(config.workBufferUnits()).isEqualTo(1);
    assertThat(
            config
                .withWorkBufferUnits(0)
                .withCheckpointInterval(Duration.ofSeconds(5))
                .workBufferUnits())
        .isZero();
  }

  @Test
  void rejectsANegativeOrHugeWorkBuffer() {
    EngineConfig config = new EngineConfig("http://localhost:8080", DIR, 2, "pi");

    assertThatThrownBy(() -> config.withWorkBufferUnits(-1))
        .hasMessage("workBufferUnits must be in [0, 16], got -1");
    assertThatThrownBy(() -> config.withWorkBufferUnits(17))
        .hasMessage("workBufferUnits must be in [0, 16], got 17");
  }

  @Test
  void dropsTrailingSlashesFromTheCoordinatorUrl() {
    assertThat(new EngineConfig("http://localhost:8080//", DIR, 1, "pi").coordinatorUrl())
        .isEqualTo("http://localhost:8080");
  }

  @Test
  void rejectsCoordinatorUrlsThatAreNotHttp() {
    assertThatThrownBy(() -> new EngineConfig("localhost:8080", DIR, 1, "pi"))
        .hasMessageContaining("http://host:port");
    assertThatThrownBy(() -> new EngineConfig("ftp://x", DIR, 1, "pi"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EngineConfig("http:// bad", DIR, 1, "pi"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsFewerThanOneThread() {
    assertThatThrownBy(() -> new EngineConfig("http://h", DIR, 0, "pi"))
        .hasMessage("threads must be in [1, 4096], got 0");
  }

  @Test
  void rejectsBlankOrOverlongNames() {
    assertThatThrownBy(() -> new EngineConfig("http://h", DIR, 1, " "))
        .hasMessageContaining("name");
    assertThatThrownBy(() -> new EngineConfig("http://h", DIR, 1, "x".repeat(101)))
        .hasMessageContaining("name");
  }

  @Test
  void rejectsNegativeMaxUnitsAndMissingDataDir() {
    assertThatThrownBy(() -> new EngineConfig("http://h", DIR, 1, "pi", -1))
        .hasMessageContaining("maxUnits");
    assertThatThrownBy(() -> new EngineConfig("http://h", null, 1, "pi"))
        .hasMessageContaining("data directory");
  }

  @Test
  void savesProgressEveryMinuteUnlessToldOtherwise() {
    EngineConfig config = new EngineConfig("http://h", DIR, 1, "pi", 3);

    assertThat(config.checkpointInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(new EngineConfig("http://h", DIR, 1, "pi").checkpointInterval())
        .isEqualTo(EngineConfig.DEFAULT_CHECKPOINT_INTERVAL);
    assertThat(config.withCheckpointInterval(Duration.ofSeconds(5)))
        .isEqualTo(new EngineConfig("http://h", DIR, 1, "pi", 3, Duration.ofSeconds(5)));
  }

  @Test
  void rejectsACheckpointIntervalOutsideAHundredMillisecondsToADay() {
    EngineConfig config = new EngineConfig("http://h", DIR, 1, "pi");
    assertThatThrownBy(() -> config.withCheckpointInterval(Duration.ofMillis(99)))
        .hasMessage("checkpointInterval must be from 100 ms to 24 h, got PT0.099S");
    assertThatThrownBy(() -> config.withCheckpointInterval(Duration.ofHours(25)))
        .hasMessageContaining("checkpointInterval");
    assertThatThrownBy(() -> config.withCheckpointInterval(null))
        .hasMessageContaining("checkpointInterval");
    assertThat(config.withCheckpointInterval(Duration.ofMillis(100)).checkpointInterval())
        .isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void fallbackCoordinatorsAreNormalizedAndNoneIsGivenTwice() {
    EngineConfig config =
        new EngineConfig("http://a:8080/", Path.of("d"), 1, "n")
            .withFallbackUrls(java.util.List.of("http://b:8080/"));

    assertThat(config.coordinatorUrls()).containsExactly("http://a:8080", "http://b:8080");
    assertThatThrownBy(() -> config.withFallbackUrls(java.util.List.of("http://a:8080")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("coordinator http://a:8080 is given twice");
    assertThatThrownBy(() -> config.withAccountKey(" "))
        .hasMessageContaining("an account key must be 1 to 100 characters");
  }
}
