package io.axon.coordinator.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A volunteer started as its own JVM, as a real volunteer would run it. */
public final class VolunteerProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private VolunteerProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  public static VolunteerProcess start(
      Path volunteerJar, String coordinatorUrl, Path dataDir, String name, int threads, Path log)
      throws IOException {
    return start(volunteerJar, coordinatorUrl, dataDir, name, threads, log, List.of());
  }

  /** As the other overload, with {@code extraArgs} added to the volunteer's command line. */
  public static VolunteerProcess start(
      Path volunteerJar,
      String coordinatorUrl,
      Path dataDir,
      String name,
      int threads,
      Path log,
      List<String> extraArgs)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-Xmx1g");
    command.add("-jar");
    command.add(volunteerJar.toString());
    command.add("--coordinator");
    command.add(coordinatorUrl);
    command.add("--data-dir");
    command.add(dataDir.toString());
    command.add("--threads");
    command.add(Integer.toString(threads));
    command.add("--name");
    command.add(name);
    // The demo's volunteers are there to compute: no suspending because the other volunteer, the
    // coordinator and the baseline keep the two cores busy (the default "in use" load rule).
    command.add("--set");
    command.add("runMode=ALWAYS");
    command.addAll(extraArgs);
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
            .start();
    return new VolunteerProcess(name, process, log);
  }

  public String name() {
    return name;
  }

  public Path log() {
    return log;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Asks the volunteer to stop (SIGTERM) and waits for it; kills it if it does not stop in time.
   */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
