package io.axon.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./axon coordinator} on a port another process holds: one line that says what to do, exit
 * status 2, and nothing created in the data directory (the port is bound before the database).
 */
class PortInUseTest {
  @TempDir Path dir;

  @Test
  void aCoordinatorOnAPortInUseSaysSoInOneLineExits2AndCreatesNoDatabase() throws Exception {
    Path dataDir = dir.resolve("new-data-dir");
    Path output = dir.resolve("output.txt");
    try (ServerSocket held = new ServerSocket()) {
      held.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = held.getLocalPort();

      Process coordinator =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  CoordinatorMain.class.getName(),
                  "--bind",
                  held.getInetAddress().getHostAddress(),
                  "--port",
                  Integer.toString(port),
                  "--data-dir",
                  dataDir.toString())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      // not a timing bound: only keeps a hung child from hanging the build
      boolean exited = coordinator.waitFor(2, TimeUnit.MINUTES);
      if (!exited) {
        coordinator.destroyForcibly();
      }

      assertThat(exited).as("the coordinator exits by itself").isTrue();
      List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
      assertThat(lines)
          .containsExactly(
              "axon coordinator: port " + port + " is in use; choose another with --port");
      assertThat(coordinator.exitValue()).isEqualTo(2);
    }
    assertThat(dataDir).as("no data directory, so no database in it").doesNotExist();
  }

  @Test
  void aStoppedCoordinatorFreesItsPortForTheNextOne() throws IOException {
    Coordinator first = new Coordinator(TestServer.config(dir.resolve("first")).build()).start();
    int port = first.port();
    first.stop();

    Coordinator second =
        new Coordinator(TestServer.config(dir.resolve("second")).port(port).build()).start();
    try {
      assertThat(second.port()).isEqualTo(port);
    } finally {
      second.stop();
    }
  }
}
