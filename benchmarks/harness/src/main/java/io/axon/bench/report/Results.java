package io.axon.bench.report;

import io.axon.bench.machine.Machine;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Every point of a run, written as one CSV per experiment with the machine on every row. */
public final class Results {
  private final Machine machine;
  private final List<Measurement> all = new ArrayList<>();

  public Results(Machine machine) {
    this.machine = machine;
  }

  public Machine machine() {
    return machine;
  }

  public synchronized void add(Measurement m) {
    all.add(m);
  }

  public synchronized List<Measurement> where(Predicate<Measurement> filter) {
    return all.stream().filter(filter).toList();
  }

  /** Writes {@code <experiment>.csv} for each experiment measured. */
  public synchronized void writeCsv(Path dir) throws IOException {
    Files.createDirectories(dir);
    Map<String, List<Measurement>> byExperiment =
        all.stream()
            .collect(
                Collectors.groupingBy(
                    Measurement::experiment, LinkedHashMap::new, Collectors.toList()));
    for (var entry : byExperiment.entrySet()) {
      try (Writer out =
              Files.newBufferedWriter(
                  dir.resolve(entry.getKey() + ".csv"), StandardCharsets.UTF_8);
          CSVPrinter printer =
              CSVFormat.DEFAULT
                  .builder()
                  .setHeader(Measurement.HEADER)
                  .setRecordSeparator('\n')
                  .get()
                  .print(out)) {
        for (Measurement m : entry.getValue()) {
          printer.printRecord(
              m.experiment(),
              m.system(),
              m.rows(),
              m.workers(),
              m.link(),
              m.step(),
              m.repeat(),
              fmt(m.seconds()),
              fmt(m.accuracy()),
              fmt(m.target()),
              m.rounds(),
              fmt(m.submitSeconds()),
              m.bytesDown(),
              m.bytesUp(),
              fmt(m.coordinatorCpuSeconds()),
              fmt(m.overheadSeconds()),
              m.oversubscribed(),
              machine.line());
        }
      }
    }
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "" : String.format(java.util.Locale.ROOT, "%.6g", v);
  }

  /** Median, min and max of a sample; NaNs (a target never reached) are left out. */
  public record Spread(double median, double min, double max, int n) {
    public static Spread of(double[] values) {
      double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
      if (v.length == 0) {
        return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
      }
      double median =
          v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
      return new Spread(median, v[0], v[v.length - 1], v.length);
    }

    public static Spread of(
        List<Measurement> points, java.util.function.ToDoubleFunction<Measurement> f) {
      return of(points.stream().mapToDouble(f).toArray());
    }
  }
}
