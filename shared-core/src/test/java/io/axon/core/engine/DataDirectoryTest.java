package io.axon.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
  @TempDir Path dir;

  @Test
  void createsItsLayoutOnFirstUse() throws Exception {
    Path root = dir.resolve("volunteer");
    try (DataDirectory data = DataDirectory.open(root)) {
      assertThat(data.blobs().dir()).isDirectory();
      assertThat(data.pending().dir()).isDirectory();
      assertThat(data.identity().file().getParent()).isEqualTo(root);
    }
  }

  @Test
  void refusesASecondVolunteerWhileTheFirstHoldsIt() throws Exception {
    try (DataDirectory first = DataDirectory.open(dir)) {
      assertThatThrownBy(() -> DataDirectory.open(dir))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("in use by another volunteer");
    }
    try (DataDirectory again = DataDirectory.open(dir)) {
      assertThat(again.root()).isEqualTo(dir);
    }
  }

  @Test
  void saysWhichDirectoryItCannotUse() throws Exception {
    Path file = Files.writeString(dir.resolve("file"), "x");

    assertThatThrownBy(() -> DataDirectory.open(file))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("cannot use data directory " + file);
  }
}
