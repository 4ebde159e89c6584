package io.axon.bench;

import io.axon.bench.report.Measurement;
import io.axon.bench.report.Plots;
import io.axon.bench.report.Results;
import io.axon.bench.report.Results.Spread;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The printed table (medians, spread, ratios of the same run, the targets) and the plots. */
final class Report {
  private Report() {}

  static void plots(Results results, Path dir) throws IOException {
    String machine = shortMachine(results);
    Plots.lines(
        dir.resolve("fig4a.png"),
        "Fig 4a: LR by SGD, seconds to the target accuracy (median of the repeats)",
        "rows",
        "seconds to target",
        results.where(m -> m.experiment().equals("fig4a")),
        Measurement::series,
        Measurement::rows,
        Measurement::seconds,
        true,
        machine);
    List<Measurement> overhead = results.where(m -> m.experiment().equals("fig4b"));
    Plots.bars(
        dir.resolve("fig4b.png"),
        "Fig 4b: coordination overhead per round, rounds 2-"
            + Plan.OVERHEAD_ROUNDS
            + " (Axon minus the same rounds in-process)",
        "volunteers",
        "ms per round",
        results.where(m -> m.experiment().equals("fig4b-rounds")),
        m -> Integer.toString(m.workers()),
        m -> m.system() + ", " + m.rows() + " rows",
        m -> 1e3 * m.overheadSeconds() / m.rounds(),
        machine);
    Plots.bars(
        dir.resolve("fig4b-job.png"),
        "Fig 4b: coordination overhead per job (jobs of Fig 4a, to the target)",
        "volunteers",
        "seconds per job",
        overhead,
        m -> Integer.toString(m.workers()),
        m -> m.system() + ", " + m.rows() + " rows",
        Measurement::overheadSeconds,
        machine);
    List<Measurement> fig3 = results.where(m -> m.experiment().equals("fig3"));
    Plots.lines(
        dir.resolve("fig3a.png"),
        "Fig 3a: MNIST MLP, training time by epochs and workers",
        "epochs",
        "seconds",
        fig3,
        m -> m.system().equals("axon") ? m.workers() + " workers" : m.system(),
        Measurement::step,
        Measurement::seconds,
        false,
        machine);
    Plots.lines(
        dir.resolve("fig3b.png"),
        "Fig 3b: MNIST MLP, holdout accuracy by epochs and workers",
        "epochs",
        "holdout accuracy",
        fig3,
        m -> m.system().equals("axon") ? m.workers() + " workers" : m.system(),
        Measurement::step,
        Measurement::accuracy,
        false,
        machine);
    Plots.bars(
        dir.resolve("edge.png"),
        "Edge links: LR seconds to the target, volunteers behind an emulated link",
        "link (round trip / bandwidth each way)",
        "seconds to target",
        results.where(m -> m.experiment().equals("edge")),
        m -> m.link() + ", " + m.rows() + " rows",
        m -> m.workers() + " volunteer(s)",
        Measurement::seconds,
        machine);
  }

  private static String shortMachine(Results results) {
    var m = results.machine();
    return String.format(
        Locale.ROOT, "%s, %d cores, load %.1f at start", m.cpu(), m.cores(), m.loadAverage());
  }

  static String table(Results results, Plan plan) {
    StringBuilder out = new StringBuilder();
    out.append("\nMachine: ").append(results.machine().line()).append('\n');
    out.append("Plan: ")
        .append(plan.name())
        .append(", ")
        .append(plan.repeats())
        .append(" repeats per LR point; medians with [min-max]\n");
    section(
        out,
        "Fig 4a: seconds to the target accuracy (loopback)",
        results.where(m -> m.experiment().equals("fig4a")),
        true);
    fig4b(
        out,
        "Fig 4b: the jobs of Fig 4a with and without coordination (loopback)",
        results.where(m -> m.experiment().equals("fig4b")));
    fig4b(
        out,
        "Fig 4b over many rounds: rounds 2-"
            + Plan.OVERHEAD_ROUNDS
            + " of a "
            + Plan.ROUNDS_ROWS
            + "-row job, with and without coordination",
        results.where(m -> m.experiment().equals("fig4b-rounds")));
    section(
        out,
        "Edge links: seconds to the target accuracy",
        results.where(m -> m.experiment().equals("edge")),
        true);
    fig3(out, results.where(m -> m.experiment().equals("fig3")));
    startup(out, results.where(m -> m.experiment().equals("startup")));
    targets(out, results);
    return out.toString();
  }

  private static <K> Map<K, List<Measurement>> group(
      List<Measurement> points, Function<Measurement, K> key) {
    return points.stream()
        .collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.toList()));
  }

  private static void section(
      StringBuilder out, String title, List<Measurement> points, boolean traffic) {
    if (points.isEmpty()) {
      return;
    }
    out.append('\n').append(title).append('\n');
    out.append(
        String.format(
            Locale.ROOT,
            "%-16s %8s %-14s %20s %7s %8s %8s %12s %10s %9s %5s%n",
            "system",
            "rows",
            "link",
            "s to target",
            "rounds",
            "accuracy",
            "target",
            "bytes/job",
            "bytes/rnd",
            "cpu ms/rnd",
            "n"));
    List<Measurement> sorted = new ArrayList<>(points);
    sorted.sort(
        Comparator.comparing(Measurement::rows)
            .thenComparing(Measurement::link)
            .thenComparing(Measurement::series));
    for (var entry : group(sorted, m -> m.series() + "|" + m.rows() + "|" + m.link()).values()) {
      Measurement first = entry.get(0);
      Spread s = Spread.of(entry, Measurement::seconds);
      Spread rounds = Spread.of(entry, m -> m.rounds());
      Spread bytes = Spread.of(entry, m -> m.bytesDown() + m.bytesUp());
      Spread cpu =
          Spread.of(
              entry,
              m -> m.rounds() > 0 ? 1e3 * m.coordinatorCpuSeconds() / m.rounds() : Double.NaN);
      boolean axon = first.system().startsWith("axon");
      out.append(
          String.format(
              Locale.ROOT,
              "%-16s %8d %-14s %20s %7.0f %8.4f %8.4f %12s %10s %9s %5d%s%n",
              first.series(),
              first.rows(),
              first.link(),
              spread(s),
              rounds.median(),
              Spread.of(entry, Measurement::accuracy).median(),
              first.target(),
              axon ? String.format(Locale.ROOT, "%.0f", bytes.median()) : "-",
              axon && rounds.median() > 0
                  ? String.format(Locale.ROOT, "%.0f", bytes.median() / rounds.median())
                  : "-",
              axon ? String.format(Locale.ROOT, "%.1f", cpu.median()) : "-",
              s.n(),
              first.oversubscribed() ? "  (oversubscribed)" : ""));
    }
  }

  private static String spread(Spread s) {
    if (s.n() == 0) {
      return "not reached";
    }
    return String.format(Locale.ROOT, "%.3f [%.3f-%.3f]", s.median(), s.min(), s.max());
  }

  private static void fig4b(StringBuilder out, String title, List<Measurement> points) {
    if (points.isEmpty()) {
      return;
    }
    out.append('\n')
        .append(title)
        .append("; axon-nohold is the coordinator without its work hold\n");
    out.append(
        String.format(
            Locale.ROOT,
            "%-12s %8s %10s %7s %18s %18s %22s %22s%n",
            "coordinator",
            "rows",
            "volunteers",
            "rounds",
            "axon s/job",
            "direct s/job",
            "overhead s/job",
            "overhead ms/round"));
    List<Measurement> sorted = new ArrayList<>(points);
    sorted.sort(
        Comparator.comparing(Measurement::system)
            .thenComparing(Measurement::rows)
            .thenComparing(Measurement::workers));
    for (var entry : group(sorted, m -> m.system() + "|" + m.rows() + "|" + m.workers()).values()) {
      Measurement first = entry.get(0);
      out.append(
          String.format(
              Locale.ROOT,
              "%-12s %8d %10d %7.0f %18s %18s %22s %22s%s%n",
              first.system(),
              first.rows(),
              first.workers(),
              Spread.of(entry, m -> m.rounds()).median(),
              String.format(
                  Locale.ROOT,
                  "%.3f",
                  Spread.of(entry, m -> m.seconds() + m.overheadSeconds()).median()),
              String.format(Locale.ROOT, "%.3f", Spread.of(entry, Measurement::seconds).median()),
              spread(Spread.of(entry, Measurement::overheadSeconds)),
              spreadMs(Spread.of(entry, m -> 1e3 * m.overheadSeconds() / m.rounds())),
              first.oversubscribed() ? "  (oversubscribed)" : ""));
    }
  }

  private static String spreadMs(Spread s) {
    return String.format(Locale.ROOT, "%.0f [%.0f-%.0f]", s.median(), s.min(), s.max());
  }

  private static void fig3(StringBuilder out, List<Measurement> points) {
    if (points.isEmpty()) {
      return;
    }
    out.append("\nFig 3a/3b: MNIST MLP 784-128-10 (10,000 real digits, 20 % holdout)\n");
    out.append(
        String.format(
            Locale.ROOT,
            "%-14s %6s %20s %10s %5s%n",
            "system",
            "epoch",
            "seconds",
            "accuracy",
            "n"));
    List<Measurement> sorted = new ArrayList<>(points);
    sorted.sort(Comparator.comparing(Measurement::workers).thenComparing(Measurement::step));
    int last = points.stream().mapToInt(Measurement::step).max().orElse(0);
    for (var entry : group(sorted, m -> m.system() + "|" + m.workers() + "|" + m.step()).values()) {
      Measurement first = entry.get(0);
      int e = first.step();
      if (e != 1 && e != last && e % 5 != 0) {
        continue;
      }
      out.append(
          String.format(
              Locale.ROOT,
              "%-14s %6d %20s %10.4f %5d%s%n",
              first.system().equals("axon") ? first.workers() + " workers" : first.system(),
              e,
              spread(Spread.of(entry, Measurement::seconds)),
              Spread.of(entry, Measurement::accuracy).median(),
              entry.size(),
              first.oversubscribed() ? "  (oversubscribed)" : ""));
    }
  }

  private static void startup(StringBuilder out, List<Measurement> points) {
    if (points.isEmpty()) {
      return;
    }
    out.append("\nVolunteer start-up: JVMs started until all registered\n");
    for (var entry : group(points, m -> m.workers() + " x " + m.link()).entrySet()) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %-24s %s s%n",
              entry.getKey(),
              spread(Spread.of(entry.getValue(), Measurement::seconds))));
    }
  }

  private static double median(Results results, String experiment, String series, int rows) {
    return Spread.of(
            results.where(
                m ->
                    m.experiment().equals(experiment)
                        && m.series().equals(series)
                        && m.rows() == rows
                        && m.link().equals("loopback")),
            Measurement::seconds)
        .median();
  }

  private static void targets(StringBuilder out, Results results) {
    int big = Plan.BIG;
    out.append("\nTargets (ratios of medians measured in this run)\n");
    double one = median(results, "fig4a", "axon x1", big);
    double two = median(results, "fig4a", "axon x2", big);
    double spark2 = median(results, "fig4a", "spark-local[2]", big);
    line(
        out,
        "2 volunteers / 1 volunteer to target, " + big + " rows",
        two / one,
        "<= 0.60",
        two / one <= 0.6);
    line(
        out,
        "Spark local[2] / Axon 2 volunteers, " + big + " rows",
        spark2 / two,
        ">= 5",
        spark2 / two >= 5);
    double twoCached = median(results, "fig4a", "axon-cached x2", big);
    line(
        out,
        "Spark local[2] / Axon 2 volunteers, shards cached, " + big + " rows",
        spark2 / twoCached,
        ">= 5",
        spark2 / twoCached >= 5);
    double oneCached = median(results, "fig4a", "axon-cached x1", big);
    line(
        out,
        "2 volunteers / 1, shards cached, " + big + " rows",
        twoCached / oneCached,
        "<= 0.60",
        twoCached / oneCached <= 0.6);
    List<Measurement> overhead = results.where(m -> m.experiment().equals("fig4b-rounds"));
    for (var entry :
        group(overhead, m -> m.system() + ", " + m.rows() + " rows, " + m.workers() + " vol.")
            .entrySet()) {
      double ms = Spread.of(entry.getValue(), m -> 1e3 * m.overheadSeconds() / m.rounds()).median();
      line(out, "overhead per round, " + entry.getKey() + " (ms)", ms, "<= 50", ms <= 50);
    }
    List<Measurement> lr =
        results.where(m -> m.experiment().equals("fig4a") && m.system().equals("axon"));
    for (var entry :
        group(lr, m -> m.rows() + " rows, " + m.workers() + " volunteer(s)").entrySet()) {
      Measurement m0 = entry.getValue().get(0);
      double acc = Spread.of(entry.getValue(), Measurement::accuracy).median();
      double gap = 100 * (m0.target() + 0.005 - acc);
      line(
          out,
          "LR accuracy below centralized, " + entry.getKey() + " (points)",
          gap,
          "<= 0.5",
          gap <= 0.5 + 1e-9);
    }
    List<Measurement> mnist =
        results.where(m -> m.experiment().equals("fig3") && m.system().equals("axon"));
    int lastEpoch = mnist.stream().mapToInt(Measurement::step).max().orElse(0);
    for (var entry :
        group(
                mnist.stream().filter(m -> m.step() == lastEpoch).toList(),
                m -> m.workers() + " workers")
            .entrySet()) {
      double acc = Spread.of(entry.getValue(), Measurement::accuracy).median();
      line(
          out,
          "MNIST MLP accuracy after " + lastEpoch + " epochs, " + entry.getKey(),
          acc,
          ">= 0.95",
          acc >= 0.95);
    }
  }

  private static void line(StringBuilder out, String what, double value, String goal, boolean met) {
    out.append(
        String.format(
            Locale.ROOT,
            "  %-62s %10.3f  %-8s %s%n",
            what,
            value,
            goal,
            Double.isNaN(value) ? "not measured" : met ? "MET" : "MISSED"));
  }
}
