package io.axon.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole app as a process, as its launcher starts it (headless here, on Monocle). */
class DesktopAppTest {
  @TempDir Path dataDir;

  @Test
  void startsShowsItsWindowAndQuitsCleanlyReleasingItsLock() throws Exception {
    Path log = dataDir.resolveSibling(dataDir.getFileName() + ".out");
    Process app = start(log, "--smoke-test", "--data-dir", dataDir.toString());
    assertThat(app.waitFor(90, TimeUnit.SECONDS)).as("the app quits by itself").isTrue();
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(out).contains("axon-desktop: main window shown: Axon true");
    assertThat(app.exitValue()).as(out).isZero();
    // the lock is free again: a later start is the one instance
    assertThat(dataDir.resolve("app.lock")).exists();
    try (var instance =
        io.axon.desktop.instance.SingleInstance.acquire(dataDir, () -> {}).orElseThrow()) {
      assertThat(Files.readString(dataDir.resolve("app.port"))).matches("\\d+");
    }
  }

  private static Process start(Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String property :
        List.of(
            "testfx.robot",
            "testfx.headless",
            "prism.order",
            "prism.text",
            "glass.platform",
            "monocle.platform",
            "java.awt.headless")) {
      String value = System.getProperty(property);
      if (value != null) {
        command.add("-D" + property + "=" + value);
      }
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(DesktopMain.class.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }
}
