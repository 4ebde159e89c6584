package io.axon.coordinator.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.axon.coordinator.Coordinator;
import io.axon.coordinator.admin.AdminBootstrap;
import io.axon.core.client.CoordinatorClient;
import io.axon.core.data.CsvDatasets;
import io.axon.core.data.Dataset;
import io.axon.core.data.Labels;
import io.axon.core.data.Split;
import io.axon.core.data.Splits;
import io.axon.core.protocol.JobSpec;
import io.axon.core.protocol.JobStatus;
import io.axon.core.protocol.JobStatus.JobState;
import io.axon.core.protocol.JobStatus.RoundMetrics;
import io.axon.core.training.Evaluation;
import io.axon.core.training.Hyperparameters;
import io.axon.core.training.Kernel;
import io.axon.core.training.ModelKind;
import io.axon.core.training.ModelSpec;
import io.axon.core.training.TrainingListener;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./axon demo}: an embedded coordinator, two volunteer processes and two jobs (logistic
 * regression on a synthetic set of the seed paper's shape, an MLP on 10,000 MNIST digits), each
 * compared with a centralized baseline trained in-process with the same kernel and epochs.
 */
@Command(
    name = "axon demo",
    mixinStandardHelpOptions = true,
    version = "Axon demo 0.1.0",
    description =
        "Runs two training jobs end to end on an embedded coordinator and two volunteers.")
public final class DemoMain implements Callable<Integer> {

  // Set by ./axon demo, so not in --help; the defaults serve a run from the repository's root.
  @Option(
      names = "--volunteer-jar",
      hidden = true,
      defaultValue = "volunteer-cli/target/axon-volunteer.jar",
      description = "the volunteer-cli jar")
  Path volunteerJar;

  @Option(
      names = "--datasets",
      hidden = true,
      defaultValue = "datasets",
      description = "the repository's datasets/ folder")
  Path datasets;

  @Option(
      names = "--volunteers",
      defaultValue = "2",
      description = "volunteer processes to start (default: ${DEFAULT-VALUE})")
  int volunteers;

  @Option(
      names = "--lr-rows",
      defaultValue = "780000",
      description = "rows of the synthetic logistic-regression set (default: ${DEFAULT-VALUE})")
  int lrRows;

  @Option(names = "--keep", description = "keep the temporary data directory and logs")
  boolean keep;

  @Option(names = "--verbose", description = "show the coordinator's log lines too")
  boolean verbose;

  public static void main(String[] args) {
    System.exit(new CommandLine(new DemoMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    if (!verbose) {
      // the demo prints each round itself; the coordinator's own lines would say it twice
      ((Logger) LoggerFactory.getLogger("io.axon")).setLevel(Level.WARN);
    }
    // the demo prints the one-time login itself (printAdminLogin), next to the admin page's URL
    ((Logger) LoggerFactory.getLogger(AdminBootstrap.class)).setLevel(Level.ERROR);
    if (!Files.isRegularFile(volunteerJar)) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "no volunteer jar at " + volunteerJar + " (run ./axon build)");
    }
    if (!Files.isRegularFile(datasets.resolve("mnist").resolve(MnistIdx.IMAGES))) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "no MNIST digits under " + datasets.resolve("mnist"));
    }
    Path work = Files.createTempDirectory("axon-demo-");
    System.out.println("Axon demo, working in " + work);
    List<DemoJob> jobs = List.of(lrJob(), mnistJob());
    ExecutorService baselines = Executors.newSingleThreadExecutor();
    List<VolunteerProcess> processes = new ArrayList<>();
    Coordinator coordinator = DemoCoordinator.start(work.resolve("coordinator"));
    boolean ok = false;
    try {
      String url = "http://127.0.0.1:" + coordinator.port();
      System.out.println("Coordinator listening on " + url);
      printAdminLogin(work.resolve("coordinator"));
      for (DemoJob job : jobs) {
        job.prepare(work);
      }
      for (int i = 1; i <= volunteers; i++) {
        String name = "demo-volunteer-" + i;
        processes.add(
            VolunteerProcess.start(
                volunteerJar, url, work.resolve(name), name, 1, work.resolve(name + ".log")));
      }
      System.out.println(volunteers + " volunteer processes started, 1 thread each");
      Map<DemoJob, Future<Evaluation>> baselineResults = new LinkedHashMap<>();
      try (CoordinatorClient client = CoordinatorClient.builder(url).build()) {
        for (DemoJob job : jobs) {
          JobStatus status = client.submitJob(job.spec, job.csv);
          job.id = status.id();
          job.startedNanos = System.nanoTime();
          System.out.printf(
              Locale.ROOT,
              "Submitted %s: %d training rows, %d holdout rows, %d shards, %d rounds%n",
              job.spec.name(),
              status.trainRows(),
              status.holdoutRows(),
              job.spec.shards(),
              job.spec.rounds());
        }
        for (DemoJob job : jobs) {
          baselineResults.put(job, baselines.submit(job::baseline));
        }
        watch(client, jobs, processes);
      }
      for (DemoJob job : jobs) {
        job.baseline = baselineResults.get(job).get();
      }
      System.out.println();
      DemoResult.LEGEND.forEach(System.out::println);
      for (DemoJob job : jobs) {
        System.out.println(
            new DemoResult(job.spec.name(), job.accuracy, job.baseline.accuracy(), job.seconds)
                .line());
      }
      ok = true;
    } finally {
      for (VolunteerProcess process : processes) {
        process.close();
      }
      baselines.shutdownNow();
      coordinator.stop();
      if (keep || !ok) {
        System.out.println("Data and volunteer logs kept in " + work);
      } else {
        deleteTree(work);
      }
    }
    System.out.printf(
        Locale.ROOT, "Demo finished in %.0f s%n", (System.nanoTime() - started) / 1e9);
    return 0;
  }

  /** The admin page's URL and one-time login, to watch the jobs in a browser while they run. */
  private static void printAdminLogin(Path coordinatorDir) throws IOException {
    Path file = coordinatorDir.resolve(AdminBootstrap.LOGIN_FILE);
    if (Files.exists(file)) {
      String link = Files.readString(file, StandardCharsets.UTF_8).trim();
      System.out.println("Admin page: " + link.substring(0, link.indexOf("/admin/")) + "/admin");
      System.out.println("  one-time login (open it, choose a password): " + link);
    }
  }

  private DemoJob lrJob() {
    JobSpec spec =
        new JobSpec(
            "lr-synthetic",
            ModelKind.LOGISTIC,
            List.of(),
            new Hyperparameters(0.05, 0.9, 0.0, 64),
            "label",
            volunteers,
            1,
            10,
            null,
            0.2,
            42);
    return new DemoJob(
        spec, csv -> SyntheticLogistic.writeCsv(csv, lrRows, 2026), "synthetic logistic set");
  }

  private DemoJob mnistJob() {
    JobSpec spec =
        new JobSpec(
            "mnist-mlp",
            ModelKind.MLP,
            List.of(128),
            new Hyperparameters(0.05, 0.9, 1e-4, 32),
            "label",
            volunteers,
            1,
            15,
            null,
            0.2,
            7);
    return new DemoJob(
        spec,
        csv -> MnistIdx.writeCsv(MnistIdx.read(datasets.resolve("mnist")), csv),
        "10,000 MNIST digits");
  }

  /** Prints each job's new rounds until every job is done. */
  private static void watch(
      CoordinatorClient client, List<DemoJob> jobs, List<VolunteerProcess> processes)
      throws IOException, InterruptedException {
    while (true) {
      boolean allDone = true;
      for (DemoJob job : jobs) {
        if (job.done) {
          continue;
        }
        JobStatus status = client.job(job.id);
        for (RoundMetrics round : status.metrics()) {
          if (round.round() > job.printedRounds) {
            job.printedRounds = round.round();
            System.out.printf(
                Locale.ROOT,
                "%-13s round %2d/%d  holdout loss %.4f  accuracy %.4f  (%.1f s)%n",
                status.name(),
                round.round(),
                status.rounds(),
                round.loss(),
                round.accuracy(),
                (System.nanoTime() - job.startedNanos) / 1e9);
          }
        }
        if (status.state() == JobState.FAILED) {
          throw new IllegalStateException("job " + status.name() + " failed");
        }
        if (status.state() == JobState.DONE) {
          job.done = true;
          job.seconds = (System.nanoTime() - job.startedNanos) / 1e9;
          job.accuracy =
              status.metrics().stream()
                  .max(Comparator.comparingInt(RoundMetrics::round))
                  .orElseThrow()
                  .accuracy();
        } else {
          allDone = false;
        }
      }
      if (allDone) {
        return;
      }
      for (VolunteerProcess process : processes) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              process.name() + " exited early; see its log " + process.log());
        }
      }
      Thread.sleep(250);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  /** Writes a job's CSV. */
  private interface CsvWriter {
    void write(Path csv) throws IOException;
  }

  /** One demo job: its spec, its CSV and what was measured. */
  private static final class DemoJob {
    final JobSpec spec;
    final CsvWriter writer;
    final String description;
    Path csv;
    long id;
    long startedNanos;
    int printedRounds;
    boolean done;
    double accuracy;
    double seconds;
    Evaluation baseline;

    DemoJob(JobSpec spec, CsvWriter writer, String description) {
      this.spec = spec;
      this.writer = writer;
      this.description = description;
    }

    void prepare(Path work) throws IOException {
      csv = work.resolve(spec.name() + ".csv");
      writer.write(csv);
      System.out.printf(
          Locale.ROOT,
          "Prepared %s: %s (%.1f MB CSV)%n",
          spec.name(),
          description,
          Files.size(csv) / 1e6);
    }

    /**
     * The centralized baseline: the same split, kernel, hyperparameters and total epochs as the
     * job, trained in one process on the whole training set.
     */
    Evaluation baseline() throws IOException {
      Dataset data;
      try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
        data = CsvDatasets.read(in, spec.labelColumn()).data();
      }
      Split split = Splits.holdout(data, spec.holdoutFraction(), spec.seed());
      int outputs = Labels.classCount(split.train(), spec.model());
      ModelSpec model = new ModelSpec(spec.model(), data.features(), outputs, spec.hidden());
      Kernel kernel = Kernel.forSpec(model);
      int epochs = spec.rounds() * spec.localEpochs();
      var trained =
          kernel.train(
              kernel.initialize(spec.seed()),
              split.train(),
              spec.hyperparameters(),
              epochs,
              spec.seed(),
              1,
              TrainingListener.NONE);
      Evaluation evaluation = kernel.evaluate(trained.model(), split.holdout());
      System.out.printf(
          Locale.ROOT,
          "%-13s centralized baseline: %d epochs, holdout accuracy %.4f%n",
          spec.name(),
          epochs,
          evaluation.accuracy());
      return evaluation;
    }
  }
}
