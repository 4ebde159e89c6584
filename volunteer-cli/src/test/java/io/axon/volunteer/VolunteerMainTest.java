package io.axon.volunteer;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.core.engine.FakeCoordinator;
import io.axon.core.protocol.WorkAssignment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolunteerMainTest {
  @TempDir Path dataDir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return VolunteerMain.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void anUnknownOptionExitsWith2AndNamesIt() {
    assertThat(run("--coordinator", "http://localhost:1", "--bogus")).isEqualTo(2);
    assertThat(err()).contains("Unknown option: '--bogus'").contains("--help");
    assertThat(out()).isEmpty();
  }

  @Test
  void aMissingCoordinatorExitsWith2() {
    assertThat(run()).isEqualTo(2);
    assertThat(err()).contains("Missing required option: '--coordinator=URL'");
  }

  @Test
  void aValueTheConfigRejectsExitsWith2AndSaysWhy() {
    assertThat(run("--coordinator", "http://localhost:1", "--threads", "0")).isEqualTo(2);
    assertThat(err()).contains("threads must be in [1, 4096], got 0");

    err.reset();
    assertThat(run("--coordinator", "localhost:8080")).isEqualTo(2);
    assertThat(err()).contains("coordinator URL must look like http://host:port");
  }

  @Test
  void aNonNumericThreadCountExitsWith2() {
    assertThat(run("--coordinator", "http://localhost:1", "--threads", "many")).isEqualTo(2);
    assertThat(err()).contains("Invalid value for option '--threads'");
  }

  @Test
  void helpListsEveryOptionAndExits0() {
    assertThat(run("--help")).isZero();
    assertThat(out())
        .contains("Usage: axon volunteer")
        .contains("--coordinator=URL")
        .contains("--data-dir=DIR")
        .contains("--threads=N")
        .contains("--name=NAME")
        .contains("--max-units=N")
        .contains(".axon-volunteer");
  }

  @Test
  void versionNamesTheProgram() {
    assertThat(run("--version")).isZero();
    assertThat(out()).startsWith("axon volunteer 0.1.0");
  }

  @Test
  void trainsOneUnitPrintsItsProgressLineAndExits0() throws Exception {
    try (FakeCoordinator coordinator = FakeCoordinator.start()) {
      WorkAssignment unit = coordinator.offerLogistic(1000, 1);

      int code =
          run(
              "--coordinator", coordinator.url(),
              "--data-dir", dataDir.toString(),
              "--threads", "1",
              "--name", "cli-test",
              "--max-units", "1");

      assertThat(code).as(err()).isZero();
      assertThat(out())
          .contains("registered with " + coordinator.url() + " as host 1")
          .containsPattern(
              "unit "
                  + unit.workUnitId()
                  + " job lr-test round 1: 1000 rows x 1 epoch in \\d+\\.\\d\\d s,"
                  + " loss \\d+\\.\\d{4}, uploaded\n");
      assertThat(coordinator.results()).hasSize(1);
      assertThat(coordinator.registrations().get(0).name()).isEqualTo("cli-test");
    }
  }

  @Test
  void anUnusableDataDirectoryEndsTheRunWithExit1AndSaysWhy() throws Exception {
    Path notADirectory = Files.writeString(dataDir.resolve("file"), "x");

    int code = run("--coordinator", "http://localhost:1", "--data-dir", notADirectory.toString());

    assertThat(code).isEqualTo(1);
    assertThat(err()).contains("axon volunteer: cannot use data directory " + notADirectory);
  }
}
