package io.axon.core.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A class's {@code main} in a JVM of its own, on this test's class path, for tests that kill or
 * signal a real volunteer process. Its output (stdout and stderr together) is read line by line as
 * it comes, so a test can wait for a line; {@link #close()} kills it if it still runs.
 */
public final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Thread reader;

  private ChildJvm(Process process) {
    this.process = process;
    this.reader = new Thread(this::read, "child-jvm-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code main} of {@code mainClass} with {@code args}. */
  public static ChildJvm start(Class<?> mainClass, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  public Process process() {
    return process;
  }

  /**
   * Waits up to {@code timeout} for the process to end and then for its last lines to be read; true
   * if it ended.
   */
  public boolean waitFor(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      return false;
    }
    reader.join(timeout.toMillis());
    return true;
  }

  /** The lines printed so far. */
  public List<String> lines() {
    return lines;
  }

  /** Everything printed so far, for failure messages. */
  public String output() {
    return String.join("\n", lines);
  }

  /**
   * Waits until the lines printed satisfy {@code condition}; fails, showing the output, if the
   * process ends first or {@code timeout} passes.
   */
  public void await(Duration timeout, Predicate<List<String>> condition)
      throws InterruptedException {
    try {
      Awaitility.await()
          .atMost(timeout)
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(10))
          .until(() -> condition.test(lines) || !process.isAlive());
    } catch (ConditionTimeoutException e) {
      // reported below, with the output
    }
    if (!condition.test(lines) && !process.isAlive()) {
      reader.join(timeout.toMillis()); // its last lines may still be on their way
    }
    if (!condition.test(lines)) {
      throw new AssertionError("the child JVM did not get there; its output:\n" + output());
    }
  }

  private void read() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        lines.add(line);
      }
    } catch (IOException e) {
      // the process is gone; what was read is kept
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
