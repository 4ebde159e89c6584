package io.axon.bench.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts the Spark module's {@code SparkLogistic} in a child JVM with Spark's module flags (Spark
 * 3.5 on Java 17) and reads back one {@link Fit} per timed fit. Spark's jars never join this JVM.
 */
public final class SparkBaseline {
  private static final Pattern FIT =
      Pattern.compile("SPARK maxIter=(\\d+) seconds=([0-9.]+) accuracy=([0-9.]+)");
  private static final String[] OPENS = {
    "java.lang",
    "java.lang.invoke",
    "java.lang.reflect",
    "java.io",
    "java.net",
    "java.nio",
    "java.util",
    "java.util.concurrent",
    "java.util.concurrent.atomic",
    "jdk.internal.ref",
    "sun.nio.ch",
    "sun.nio.cs",
    "sun.security.action",
    "sun.util.calendar"
  };

  private final Path classes;
  private final Path classpathFile;

  /**
   * @param classes the Spark module's compiled classes
   * @param classpathFile the Spark module's {@code target/spark-classpath.txt}
   */
  public SparkBaseline(Path classes, Path classpathFile) {
    this.classes = classes;
    this.classpathFile = classpathFile;
  }

  public boolean available() {
    return Files.isDirectory(classes) && Files.isRegularFile(classpathFile);
  }

  /** One timed fit: its iteration budget, seconds and holdout accuracy. */
  public record Fit(int maxIter, double seconds, double accuracy) {}

  /**
   * Fits with growing iteration budgets until the holdout accuracy reaches {@code target}, {@code
   * repeats} timed fits per budget, in one Spark JVM with master {@code master}.
   */
  public List<Fit> fit(
      String master, Path trainCsv, Path holdoutCsv, int repeats, double target, Path log)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-Xmx4g");
    for (String open : OPENS) {
      command.add("--add-opens=java.base/" + open + "=ALL-UNNAMED");
    }
    command.add("-Djdk.reflect.useDirectMethodHandle=false");
    command.add("-cp");
    command.add(classes + ":" + Files.readString(classpathFile).trim());
    command.add("io.axon.bench.spark.SparkLogistic");
    command.add(master);
    command.add(trainCsv.toString());
    command.add(holdoutCsv.toString());
    command.add(Integer.toString(repeats));
    command.add("1,2,3,4,5,6,8,10,12,16,20,25,30,40,50,75,100");
    command.add(Double.toString(target));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<Fit> fits = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        Matcher m = FIT.matcher(line);
        if (m.find()) {
          fits.add(
              new Fit(
                  Integer.parseInt(m.group(1)),
                  Double.parseDouble(m.group(2)),
                  Double.parseDouble(m.group(3))));
        }
      }
    }
    if (!process.waitFor(30, TimeUnit.MINUTES)) {
      process.destroyForcibly();
    }
    Files.write(log, lines);
    if (process.exitValue() != 0 || fits.isEmpty()) {
      throw new IOException(
          "Spark " + master + " failed (exit " + process.exitValue() + "); see " + log);
    }
    return fits;
  }
}
