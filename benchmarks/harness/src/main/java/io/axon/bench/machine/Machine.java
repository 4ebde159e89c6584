package io.axon.bench.machine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The machine a figure was measured on, written beside every figure: CPU model, cores, memory, JVM
 * and the load average when the run started (other work on the same cores skews every number).
 */
public record Machine(
    String cpu,
    int cores,
    long memoryBytes,
    String jvm,
    String os,
    double loadAverage,
    Instant at) {

  public static Machine current() {
    return new Machine(
        cpuModel(),
        Runtime.getRuntime().availableProcessors(),
        memory(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Instant.now());
  }

  /** One line for tables and plot captions. */
  public String line() {
    return String.format(
        Locale.ROOT,
        "%s, %d cores, %.1f GiB, %s, load %.2f at %s",
        cpu,
        cores,
        memoryBytes / (double) (1L << 30),
        jvm,
        loadAverage,
        at);
  }

  private static String cpuModel() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
      for (String line : lines) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: fall through
    }
    return System.getProperty("os.arch");
  }

  private static long memory() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: fall through
    }
    return Runtime.getRuntime().maxMemory();
  }
}
