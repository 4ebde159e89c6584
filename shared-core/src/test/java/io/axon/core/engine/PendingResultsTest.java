package io.axon.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.core.common.Sha256;
import io.axon.core.engine.PendingResults.PendingResult;
import io.axon.core.protocol.ResultReport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PendingResultsTest {
  @TempDir Path dir;

  private static PendingResult result(long unit, byte[] model) {
    return new PendingResult(
        new ResultReport(unit, Sha256.hex(model), 0.1 + 0.2, 1000, 123_456_789_012L, 420), model);
  }

  @Test
  void givesBackTheSavedReportAndModelExactly() throws Exception {
    PendingResults pending = new PendingResults(dir);
    PendingResult saved = result(17, new byte[] {1, 2, 3});
    pending.save(saved);

    PendingResult loaded = new PendingResults(dir).list().get(0);

    assertThat(loaded.report()).isEqualTo(saved.report());
    assertThat(loaded.report().trainLoss()).isEqualTo(0.1 + 0.2);
    assertThat(loaded.model()).isEqualTo(saved.model());
  }

  @Test
  void listsTheOldestWorkUnitFirst() throws Exception {
    PendingResults pending = new PendingResults(dir);
    pending.save(result(30, new byte[] {3}));
    pending.save(result(4, new byte[] {4}));

    assertThat(pending.list()).extracting(r -> r.report().workUnitId()).containsExactly(4L, 30L);
  }

  @Test
  void forgetsAResultOnceRemoved() throws Exception {
    PendingResults pending = new PendingResults(dir);
    pending.save(result(5, new byte[] {5}));
    pending.remove(5);

    assertThat(pending.list()).isEmpty();
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void removesAModelWhoseReportWasNeverWritten() throws Exception {
    Files.write(dir.resolve("9.model"), new byte[] {9});

    assertThat(new PendingResults(dir).list()).isEmpty();
    assertThat(dir.resolve("9.model")).doesNotExist();
  }

  @Test
  void dropsAResultWhoseModelNoLongerMatchesItsHash() throws Exception {
    PendingResults pending = new PendingResults(dir);
    pending.save(result(6, new byte[] {6}));
    Files.write(dir.resolve("6.model"), new byte[] {7});

    assertThat(pending.list()).isEmpty();
    assertThat(dir.resolve("6.report")).doesNotExist();
    assertThat(dir.resolve("6.model")).doesNotExist();
  }

  @Test
  void hasNothingWhenTheDirectoryDoesNotExist() throws Exception {
    assertThat(new PendingResults(dir.resolve("missing")).list()).isEmpty();
  }
}
