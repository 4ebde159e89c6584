package io.axon.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.axon.bench.cluster.AxonCluster;
import io.axon.bench.cluster.JobRun;
import io.axon.bench.link.Link;
import io.axon.bench.lr.Curve;
import io.axon.bench.lr.InProcess;
import io.axon.bench.lr.LrData;
import io.axon.bench.machine.Machine;
import io.axon.bench.report.Measurement;
import io.axon.bench.report.Results;
import io.axon.bench.spark.SparkBaseline;
import io.axon.bench.spark.SparkBaseline.Fit;
import io.axon.coordinator.demo.MnistIdx;
import io.axon.core.data.CsvDatasets;
import io.axon.core.data.Dataset;
import io.axon.core.data.Split;
import io.axon.core.data.Splits;
import io.axon.core.protocol.JobSpec;
import io.axon.core.protocol.JobSpec.Replication;
import io.axon.core.training.Hyperparameters;
import io.axon.core.training.ModelKind;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./axon bench}: the seed paper's experiments (Fig 3a/3b, 4a, 4b and the edge links) on an
 * embedded coordinator and real volunteer processes; prints a table and writes CSV and PNG files.
 */
@Command(
    name = "axon bench",
    mixinStandardHelpOptions = true,
    description = "Reproduces the seed paper's figures on a real coordinator and volunteers.")
public final class BenchCommand implements Callable<Integer> {
  /** The paper's LR runs: SGD with momentum, as ./axon demo trains it. */
  static final Hyperparameters LR = new Hyperparameters(0.05, 0.9, 0.0, 64);

  static final Hyperparameters MLP = new Hyperparameters(0.05, 0.9, 1e-4, 32);

  /**
   * One replica per unit and a day to return it: the dispatcher never thinks a volunteer too slow
   * for a unit because its speed was measured on tiny LR units (their fixed costs dominate).
   */
  static final Replication ONE_REPLICA = new Replication(1, 1, 3, 8, 86_400L, false);

  /** Epochs of centralized training whose final accuracy is the reference ("converged"). */
  static final int REFERENCE_EPOCHS = 20;

  /** The target is the converged centralized accuracy less this much (half a point). */
  static final double TOLERANCE = 0.005;

  @Option(names = "--paper", description = "the full set of the paper's points (about an hour)")
  boolean paper;

  @Option(
      names = "--cores",
      description =
          "cores the run may assume (default: all this JVM sees); adds a volunteer count of"
              + " cores-1 and a Spark local[cores]")
  Integer cores;

  @Option(names = "--repeats", description = "repetitions per point (quick 3, paper 5)")
  int repeats;

  @Option(
      names = "--only",
      split = ",",
      description = "experiments to run: fig4a (with fig4b), spark, fig3, edge (default: all)")
  Set<String> only;

  @Option(names = "--volunteer-jar", required = true, description = "the volunteer-cli jar")
  Path volunteerJar;

  @Option(names = "--datasets", required = true, description = "the repository's datasets/")
  Path datasets;

  @Option(names = "--spark-classes", description = "the Spark module's target/classes")
  Path sparkClasses;

  @Option(names = "--spark-classpath", description = "the Spark module's spark-classpath.txt")
  Path sparkClasspath;

  @Option(
      names = "--out",
      defaultValue = "docs/benchmarks",
      description = "where the CSV and PNG files go (a folder per plan: quick/, paper/)")
  Path out;

  @Option(
      names = "--work-hold-ms",
      defaultValue = "5000",
      description =
          "the coordinator's work hold (long poll) in ms; fig4b also measures 0, the old behaviour")
  long workHoldMillis;

  @Option(
      names = "--coordinator-db",
      defaultValue = "memory",
      description =
          "the coordinator's H2 database: memory (default) or file (the product's default; large"
              + " jobs can hit H2's \"Reading from file failed\", see BENCHMARKS.md)")
  String coordinatorDb;

  @Option(names = "--work", description = "scratch folder (default: a new temporary one)")
  Path work;

  private Results results;
  private Plan plan;
  private int coreCount;
  private final Map<String, Curve> references = new HashMap<>();
  private int clusters;
  private Path target;

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchCommand()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    ((Logger) LoggerFactory.getLogger("io.axon")).setLevel(Level.WARN);
    ((Logger) LoggerFactory.getLogger("org.eclipse.jetty")).setLevel(Level.WARN);
    System.setProperty("java.awt.headless", "true");
    if (!Files.isRegularFile(volunteerJar)) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "no volunteer jar at " + volunteerJar + " (run ./axon build)");
    }
    coreCount = cores != null ? cores : Runtime.getRuntime().availableProcessors();
    plan = paper ? Plan.paper(coreCount, repeats) : Plan.quick(coreCount, repeats);
    results = new Results(Machine.current());
    if (work == null) {
      work = Files.createTempDirectory("axon-bench-");
    }
    Files.createDirectories(work);
    target = out.resolve(plan.name());
    long started = System.nanoTime();
    System.out.println("axon bench (" + plan.name() + "), working in " + work);
    System.out.println("machine: " + results.machine().line());
    System.out.println(
        "cores assumed: "
            + coreCount
            + "; a run with more volunteers than cores is marked oversubscribed");
    if (wants("fig4a")) {
      fig4a();
      results.writeCsv(target);
    }
    if (wants("spark")) {
      spark();
      results.writeCsv(target);
    }
    if (wants("fig3")) {
      fig3();
      results.writeCsv(target);
    }
    if (wants("edge")) {
      edge();
      results.writeCsv(target);
    }
    results.writeCsv(target);
    Report.plots(results, target);
    String table = Report.table(results, plan);
    System.out.println(table);
    Files.writeString(target.resolve("summary.txt"), table);
    System.out.printf(
        Locale.ROOT,
        "axon bench finished in %.0f s; CSV and PNG in %s%n",
        (System.nanoTime() - started) / 1e9,
        target);
    return 0;
  }

  private boolean wants(String experiment) {
    return only == null || only.isEmpty() || only.contains(experiment);
  }

  private boolean oversubscribed(int workers) {
    return workers > coreCount;
  }

  /** Seeds the split (and so the shards) per repeat: a volunteer's blob cache never helps. */
  private static long seed(int repeat) {
    return 7_000 + repeat;
  }

  private LrData lrData(int rows, int repeat) throws IOException {
    return LrData.create(work, rows, 2026, seed(repeat));
  }

  /** The converged centralized run for a data set and split; its accuracy sets the target. */
  private Curve reference(LrData data, int repeat) {
    return references.computeIfAbsent(
        data.rows() + "/" + repeat,
        k ->
            InProcess.centralized(
                lrSpec(data.rows(), 1, repeat, null), data.split(), REFERENCE_EPOCHS));
  }

  private double target(LrData data, int repeat) {
    return reference(data, repeat).lastAccuracy() - TOLERANCE;
  }

  private JobSpec lrSpec(int rows, int shards, int repeat, Double target) {
    return lrSpec(rows, shards, repeat, target, "");
  }

  private JobSpec lrSpec(int rows, int shards, int repeat, Double target, String suffix) {
    return new JobSpec(
            "lr-" + rows + "-x" + shards + "-r" + repeat + suffix,
            ModelKind.LOGISTIC,
            List.of(),
            LR,
            "label",
            shards,
            1,
            plan.lrMaxRounds(),
            target,
            0.2,
            seed(repeat))
        // one replica per unit: the paper's runs had no redundancy (Spark neither)
        .withReplication(ONE_REPLICA);
  }

  /** Fig 4a and 4b: time to the target accuracy by size and volunteers; overhead per round. */
  private void fig4a() throws Exception {
    for (int repeat = 0; repeat < plan.repeats(); repeat++) {
      for (int rows : plan.lrRows()) {
        LrData data = lrData(rows, repeat);
        double target = target(data, repeat);
        // the centralized baseline, timed on its own run (the reference run warmed the JIT)
        Curve central =
            InProcess.centralized(lrSpec(rows, 1, repeat, null), data.split(), REFERENCE_EPOCHS);
        results.add(
            Measurement.simple(
                "fig4a",
                "centralized",
                rows,
                1,
                0,
                repeat,
                central.secondsTo(target),
                central.accuracy(Math.max(1, central.stepsTo(target))),
                target,
                central.stepsTo(target),
                false));
      }
    }
    for (int n : plan.volunteers()) {
      try (AxonCluster cluster = cluster(n, Link.LOOPBACK, hold())) {
        for (int repeat = 0; repeat < plan.repeats(); repeat++) {
          for (int rows : plan.lrRows()) {
            lrPoint("fig4a", "axon", cluster, n, Link.LOOPBACK, rows, repeat, true);
          }
          roundsPoint("axon", cluster, n, repeat);
        }
      }
    }
    // Fig 4b once more without the work hold: what the overhead per round was before it
    for (int n : plan.volunteers().subList(0, Math.min(2, plan.volunteers().size()))) {
      try (AxonCluster cluster = cluster(n, Link.LOOPBACK, Duration.ZERO)) {
        for (int repeat = 0; repeat < plan.repeats(); repeat++) {
          // the smallest set only: its rounds are all overhead, the big one's are data transfer
          int rows = plan.lrRows().get(0);
          lrPoint("fig4b-nohold", "axon-nohold", cluster, n, Link.LOOPBACK, rows, repeat, true);
          roundsPoint("axon-nohold", cluster, n, repeat);
        }
      }
    }
  }

  private Duration hold() {
    return Duration.ofMillis(workHoldMillis);
  }

  private AxonCluster cluster(int n, Link link, Duration workHold) throws Exception {
    return cluster(n, link, workHold, true);
  }

  /**
   * Starts a coordinator and {@code n} fresh volunteers (new data folders: no blob cache, no speed
   * measured before); with {@code warmUp}, one small LR job runs first, untimed.
   */
  private AxonCluster cluster(int n, Link link, Duration workHold, boolean warmUp)
      throws Exception {
    clusters++;
    System.out.printf(
        Locale.ROOT,
        "starting %d volunteer(s) behind %s, work hold %d ms%n",
        n,
        link.label(),
        workHold.toMillis());
    AxonCluster cluster =
        AxonCluster.start(
            work.resolve(
                "cluster-"
                    + clusters
                    + "-"
                    + n
                    + "-"
                    + link.label().replace('/', '-')
                    + "-"
                    + workHold.toMillis()),
            volunteerJar,
            n,
            link,
            workHold,
            !"file".equals(coordinatorDb));
    results.add(
        new Measurement(
            "startup",
            "axon",
            0,
            n,
            link.label(),
            0,
            0,
            cluster.startSeconds(),
            Double.NaN,
            Double.NaN,
            0,
            0,
            0,
            0,
            0,
            Double.NaN,
            oversubscribed(n)));
    if (!warmUp) {
      return cluster;
    }
    // one small job first, untimed: the volunteers' JIT and the coordinator's caches warm up
    LrData warm = LrData.create(work, 2_000, 1, 1);
    cluster.run(
        new JobSpec("warm-up", ModelKind.LOGISTIC, List.of(), LR, "label", n, 1, 3, null, 0.2, 1)
            .withReplication(Replication.NONE),
        warm.csv(),
        Duration.ofMinutes(5));
    return cluster;
  }

  private void lrPoint(
      String experiment,
      String system,
      AxonCluster cluster,
      int n,
      Link link,
      int rows,
      int repeat,
      boolean direct)
      throws Exception {
    LrData data = lrData(rows, repeat);
    double target = target(data, repeat);
    JobSpec spec = lrSpec(rows, n, repeat, target);
    JobRun run = cluster.run(spec, data.csv(), Duration.ofMinutes(20));
    if (experiment.equals("fig4a") && rows == Plan.BIG) {
      cachedPoint(system, cluster, n, rows, repeat, data, target);
    }
    int rounds = run.rounds().size();
    double seconds = run.secondsTo(target);
    results.add(
        new Measurement(
            experiment.startsWith("fig4b") ? "fig4a-nohold" : experiment,
            system,
            rows,
            n,
            link.label(),
            0,
            repeat,
            seconds,
            run.finalAccuracy(),
            target,
            run.roundsTo(target),
            run.submitSeconds(),
            run.bytesDown(),
            run.bytesUp(),
            run.coordinatorCpuSeconds(),
            Double.NaN,
            oversubscribed(n)));
    String extra = "";
    if (direct) {
      Curve same = InProcess.direct(spec, data.split(), rounds);
      double overhead = run.totalSeconds() - same.seconds(rounds);
      results.add(
          new Measurement(
              "fig4b",
              system,
              rows,
              n,
              link.label(),
              0,
              repeat,
              same.seconds(rounds),
              same.accuracy(rounds),
              target,
              rounds,
              0,
              run.bytesDown(),
              run.bytesUp(),
              run.coordinatorCpuSeconds(),
              overhead,
              oversubscribed(n)));
      extra =
          String.format(
              Locale.ROOT,
              ", direct %.3f s (overhead %.0f ms/round)",
              same.seconds(rounds),
              1e3 * overhead / rounds);
    }
    System.out.printf(
        Locale.ROOT,
        "  %-11s %7d rows x%d %-14s r%d: %.3f s to %.4f in %d round(s), accuracy %.4f%s%n",
        system,
        rows,
        n,
        link.label(),
        repeat,
        seconds,
        target,
        rounds,
        run.finalAccuracy(),
        extra);
  }

  /**
   * The same job once more, same seed: the volunteers find its shards in their blob cache (they are
   * content-addressed), as Spark finds its data cached. Only the rounds are left to time.
   */
  private void cachedPoint(
      String system, AxonCluster cluster, int n, int rows, int repeat, LrData data, double target)
      throws Exception {
    JobSpec spec = lrSpec(rows, n, repeat, target, "-again");
    JobRun run = cluster.run(spec, data.csv(), Duration.ofMinutes(20));
    results.add(
        new Measurement(
            "fig4a",
            system + "-cached",
            rows,
            n,
            "loopback",
            0,
            repeat,
            run.secondsTo(target),
            run.finalAccuracy(),
            target,
            run.roundsTo(target),
            run.submitSeconds(),
            run.bytesDown(),
            run.bytesUp(),
            run.coordinatorCpuSeconds(),
            Double.NaN,
            oversubscribed(n)));
    System.out.printf(
        Locale.ROOT,
        "  %-11s %7d rows x%d shards cached r%d: %.3f s to %.4f, %d bytes%n",
        system + "-cached",
        rows,
        n,
        repeat,
        run.secondsTo(target),
        target,
        run.bytesDown() + run.bytesUp());
  }

  /**
   * The overhead per round measured over many rounds: a job of {@link Plan#ROUNDS_ROWS} rows with a
   * fixed {@link Plan#OVERHEAD_ROUNDS} rounds and no target, against the same rounds in-process.
   */
  private void roundsPoint(String system, AxonCluster cluster, int n, int repeat) throws Exception {
    int rows = Plan.ROUNDS_ROWS;
    LrData data = lrData(rows, repeat);
    JobSpec spec =
        new JobSpec(
                "rounds-" + rows + "-x" + n + "-r" + repeat,
                ModelKind.LOGISTIC,
                List.of(),
                LR,
                "label",
                n,
                1,
                Plan.OVERHEAD_ROUNDS,
                null,
                0.2,
                seed(repeat))
            .withReplication(ONE_REPLICA);
    JobRun run = cluster.run(spec, data.csv(), Duration.ofMinutes(10));
    int rounds = run.rounds().size();
    // the first round also fetches the shard: time rounds 2..R, after it
    double axon = run.totalSeconds() - run.roundSeconds()[0];
    Curve same = InProcess.direct(spec, data.split(), rounds);
    double direct = same.seconds(rounds) - same.seconds(1);
    double overhead = axon - direct;
    results.add(
        new Measurement(
            "fig4b-rounds",
            system,
            rows,
            n,
            "loopback",
            0,
            repeat,
            direct,
            run.finalAccuracy(),
            Double.NaN,
            rounds - 1,
            run.submitSeconds(),
            run.bytesDown(),
            run.bytesUp(),
            run.coordinatorCpuSeconds(),
            overhead,
            oversubscribed(n)));
    System.out.printf(
        Locale.ROOT,
        "  %-11s %7d rows x%d rounds 2-%d r%d: axon %.3f s, direct %.3f s: %.1f ms/round overhead,"
            + " accuracy %.4f (direct %.4f)%n",
        system,
        rows,
        n,
        rounds,
        repeat,
        axon,
        direct,
        1e3 * overhead / (rounds - 1),
        run.finalAccuracy(),
        same.lastAccuracy());
  }

  /** Spark MLlib local mode on the same split, to the same target. */
  private void spark() throws Exception {
    SparkBaseline spark = new SparkBaseline(sparkClasses, sparkClasspath);
    if (sparkClasses == null || !spark.available()) {
      System.out.println("Spark baseline skipped: no --spark-classes/--spark-classpath");
      return;
    }
    for (int rows : plan.sparkRows()) {
      LrData data = lrData(rows, 0);
      double target = target(data, 0);
      Path train = work.resolve("spark-train-" + rows + ".csv");
      Path holdout = work.resolve("spark-holdout-" + rows + ".csv");
      LrData.writeCsv(data.split().train(), train);
      LrData.writeCsv(data.split().holdout(), holdout);
      for (String master : plan.sparkMasters()) {
        int threads = Integer.parseInt(master.replaceAll("[^0-9]", ""));
        List<Fit> fits =
            spark.fit(
                master,
                train,
                holdout,
                plan.repeats(),
                target,
                work.resolve("spark-" + rows + "-" + threads + ".log"));
        int budget =
            fits.stream()
                .filter(f -> f.accuracy() >= target)
                .mapToInt(Fit::maxIter)
                .min()
                .orElse(-1);
        int budgetUsed = budget > 0 ? budget : fits.get(fits.size() - 1).maxIter();
        List<Fit> at = fits.stream().filter(f -> f.maxIter() == budgetUsed).toList();
        for (int r = 0; r < at.size(); r++) {
          Fit fit = at.get(r);
          results.add(
              Measurement.simple(
                  "fig4a",
                  "spark-" + master,
                  rows,
                  threads,
                  0,
                  r,
                  budget > 0 ? fit.seconds() : Double.NaN,
                  fit.accuracy(),
                  target,
                  budgetUsed,
                  oversubscribed(threads)));
        }
        System.out.printf(
            Locale.ROOT,
            "  spark  %7d rows %s: maxIter %d reaches %.4f (target %.4f), fit %.3f s%n",
            rows,
            master,
            budgetUsed,
            at.get(0).accuracy(),
            target,
            at.get(0).seconds());
      }
    }
  }

  /** Fig 3a/3b: MNIST MLP, time and holdout accuracy after each epoch, by workers. */
  private void fig3() throws Exception {
    Path csv = work.resolve("mnist.csv");
    Dataset digits = MnistIdx.read(datasets.resolve("mnist"));
    MnistIdx.writeCsv(digits, csv);
    Dataset data;
    try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      data = CsvDatasets.read(in, "label").data();
    }
    Split split = Splits.holdout(data, 0.2, seed(0));
    Curve central = InProcess.centralized(mnistSpec(1, 0), split, plan.mnistEpochs());
    for (int e = 1; e <= central.size(); e++) {
      results.add(
          Measurement.simple(
              "fig3",
              "centralized",
              data.rows(),
              1,
              e,
              0,
              central.seconds(e),
              central.accuracy(e),
              Double.NaN,
              e,
              false));
    }
    System.out.printf(
        Locale.ROOT,
        "  fig3   centralized: %d epochs, %.1f s, accuracy %.4f%n",
        central.size(),
        central.seconds(central.size()),
        central.lastAccuracy());
    for (int n : plan.mnistWorkers()) {
      try (AxonCluster cluster = cluster(n, Link.LOOPBACK, hold(), false)) {
        for (int repeat = 0; repeat < plan.mnistRepeats(); repeat++) {
          JobRun run = cluster.run(mnistSpec(n, repeat), csv, Duration.ofMinutes(30));
          int rounds = run.rounds().size();
          for (int e = 1; e <= rounds; e++) {
            results.add(
                new Measurement(
                    "fig3",
                    "axon",
                    data.rows(),
                    n,
                    "loopback",
                    e,
                    repeat,
                    run.roundSeconds()[e - 1],
                    run.rounds().get(e - 1).accuracy(),
                    Double.NaN,
                    e,
                    run.submitSeconds(),
                    e == rounds ? run.bytesDown() : 0,
                    e == rounds ? run.bytesUp() : 0,
                    e == rounds ? run.coordinatorCpuSeconds() : 0,
                    Double.NaN,
                    oversubscribed(n)));
          }
          System.out.printf(
              Locale.ROOT,
              "  fig3   %d workers r%d: %d epochs, %.1f s, accuracy %.4f%n",
              n,
              repeat,
              rounds,
              run.totalSeconds(),
              run.finalAccuracy());
        }
      }
    }
  }

  private JobSpec mnistSpec(int workers, int repeat) {
    return new JobSpec(
            "mnist-x" + workers + "-r" + repeat,
            ModelKind.MLP,
            List.of(128),
            MLP,
            "label",
            workers,
            1,
            plan.mnistEpochs(),
            null,
            0.2,
            seed(repeat))
        .withReplication(ONE_REPLICA);
  }

  /** Fig 4a again with every volunteer behind an emulated access link (and loopback beside). */
  private void edge() throws Exception {
    List<Link> links = new java.util.ArrayList<>();
    links.add(Link.LOOPBACK);
    links.addAll(plan.edgeLinks());
    for (Link link : links) {
      for (int n : plan.edgeVolunteers()) {
        try (AxonCluster cluster = cluster(n, link, hold())) {
          for (int repeat = 0; repeat < plan.edgeRepeats(); repeat++) {
            for (int rows : plan.edgeRows()) {
              lrPoint("edge", "axon", cluster, n, link, rows, repeat, false);
            }
          }
        }
      }
    }
  }
}
