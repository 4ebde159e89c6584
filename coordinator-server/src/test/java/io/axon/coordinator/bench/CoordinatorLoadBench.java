package io.axon.coordinator.bench;

import ch.qos.logback.classic.Level;
import io.axon.coordinator.Coordinator;
import io.axon.coordinator.CoordinatorConfig;
import io.axon.coordinator.PostgresServer;
import io.axon.core.protocol.Heartbeat;
import io.axon.core.protocol.HostRegistered;
import io.axon.core.protocol.HostRegistration;
import io.axon.core.protocol.JobSpec;
import io.axon.core.protocol.ProtocolJson;
import io.axon.core.protocol.WorkReply;
import io.axon.core.protocol.WorkRequest;
import io.axon.core.training.Hyperparameters;
import io.axon.core.training.ModelKind;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.LoggerFactory;

/**
 * The coordinator under load, over real HTTP on loopback: {@code hosts} registered volunteers
 * heartbeat at the coordinator's heartbeat interval while {@code clients} of them at a time ask for
 * work as fast as they get answers (a closed loop). Every dispatch is a distinct work unit of a
 * running job (jobs with many shards, one replica each). Prints a table of dispatches/s and the
 * p50/p99 latency of work requests per database.
 *
 * <p>Run with {@code ./axon bench coordinator} (options: {@code --help}).
 */
public final class CoordinatorLoadBench {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final long MEMORY = 1L << 30;

  private final Options options;

  private CoordinatorLoadBench(Options options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    // a line per registered host would drown the table
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.axon")).setLevel(Level.WARN);
    CoordinatorLoadBench bench = new CoordinatorLoadBench(options);
    List<Result> results = new ArrayList<>();
    for (String database : options.databases) {
      results.add(bench.run(database));
    }
    System.out.println();
    System.out.println(machine());
    System.out.println();
    System.out.println(Result.header());
    for (Result result : results) {
      System.out.println(result.row());
    }
    boolean ok = results.stream().allMatch(Result::metTarget);
    System.out.println();
    System.out.println(
        ok ? "targets met" : "targets missed (>= 2,000/s H2, >= 1,000/s PostgreSQL, p99 < 50 ms)");
  }

  private Result run(String database) throws Exception {
    Path dataDir = Files.createTempDirectory("axon-bench-");
    PostgresServer postgres = null;
    String label = "H2 (file, embedded)";
    // the benchmark submits its jobs without an owner's API token
    CoordinatorConfig.Builder config =
        CoordinatorConfig.builder(dataDir).bind("127.0.0.1").port(0).openJobApi(true);
    if (database.equals("postgres")) {
      postgres = new PostgresServer(options.durable).start();
      config.database(postgres.createDatabase("bench"), null, null);
      label =
          "PostgreSQL "
              + postgres.version().replaceAll(" .*", "")
              + (options.durable ? "" : " (fsync off)");
    } else if (!database.equals("h2")) {
      throw new IllegalArgumentException("unknown database " + database + ": h2 or postgres");
    }
    CoordinatorConfig built = config.build();
    log("%s: starting a coordinator", label);
    try (Coordinator coordinator = new Coordinator(built).start()) {
      Result result = load(label, coordinator.url(), built.heartbeat());
      if (options.explain) {
        explain(label, built.jdbcUrl());
      }
      return result;
    } finally {
      if (postgres != null) {
        postgres.close();
      }
      deleteTree(dataDir);
    }
  }

  private Result load(String label, String url, Duration heartbeatPeriod) throws Exception {
    OkHttpClient http =
        new OkHttpClient.Builder()
            .connectionPool(new ConnectionPool(options.clients + 16, 1, TimeUnit.MINUTES))
            .readTimeout(Duration.ofSeconds(60))
            .build();
    ExecutorService pool = Executors.newFixedThreadPool(options.clients + 4);
    try {
      String[] tokens = register(http, url, pool);
      submitJobs(http, url, pool);
      List<List<Long>> held = new ArrayList<>(options.hosts);
      for (int i = 0; i < options.hosts; i++) {
        held.add(new ArrayList<>());
      }

      Heartbeats heartbeats = new Heartbeats(http, url, tokens, heartbeatPeriod);
      heartbeats.start();
      Thread.sleep(1000);
      AtomicInteger nextHost = new AtomicInteger();
      long start = System.nanoTime();
      long measureFrom = start + TimeUnit.SECONDS.toNanos(options.warmupSeconds);
      long measureTo = measureFrom + TimeUnit.SECONDS.toNanos(options.seconds);
      AtomicLong dispatched = new AtomicLong();
      AtomicLong exhausted = new AtomicLong(Long.MAX_VALUE);
      Recording recording = null;
      List<Future<Stats>> clients = new ArrayList<>();
      CountDownLatch go = new CountDownLatch(1);
      log(
          "%s: %d clients fetch work for %d s (+%d s warm-up)",
          label, options.clients, options.seconds, options.warmupSeconds);
      for (int c = 0; c < options.clients; c++) {
        clients.add(
            pool.submit(
                () -> {
                  go.await();
                  return fetchLoop(
                      http,
                      url,
                      tokens,
                      held,
                      nextHost,
                      measureFrom,
                      measureTo,
                      dispatched,
                      exhausted);
                }));
      }
      go.countDown();
      if (options.jfr != null) {
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(measureFrom - System.nanoTime()));
        recording = new Recording(Configuration.getConfiguration("profile"));
        recording.start();
      }
      List<Stats> stats = new ArrayList<>();
      for (Future<Stats> client : clients) {
        stats.add(client.get());
      }
      long end = Math.min(measureTo, exhausted.get());
      heartbeats.stop();
      if (recording != null) {
        Path file = Path.of(options.jfr.replace("{db}", label.startsWith("H2") ? "h2" : "pg"));
        recording.dump(file);
        recording.close();
        log("%s: profile written to %s", label, file);
      }
      long[] all =
          stats.stream().flatMapToLong(st -> Arrays.stream(st.latencies())).sorted().toArray();
      long dispatches = stats.stream().mapToLong(Stats::dispatches).sum();
      long empty = stats.stream().mapToLong(Stats::empty).sum();
      double seconds = (end - measureFrom) / 1e9;
      if (exhausted.get() < measureTo) {
        log("%s: work ran out %.1f s into the measurement; (more with --units)", label, seconds);
      }
      return new Result(
          label,
          options.hosts,
          options.clients,
          dispatches,
          dispatches / seconds,
          empty,
          percentile(all, 0.50),
          percentile(all, 0.99),
          heartbeats.sent.get() / heartbeats.elapsedSeconds(),
          heartbeats.failed.get(),
          label.startsWith("H2") ? 2000 : 1000);
    } finally {
      pool.shutdownNow();
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  /**
   * One simulated host after another asks for a unit, listing the units it already holds (as the
   * real engine does), so the coordinator never resends and every dispatch is new work. Returns the
   * latencies (ns) of the work requests answered inside the measurement window.
   */
  private Stats fetchLoop(
      OkHttpClient http,
      String url,
      String[] tokens,
      List<List<Long>> held,
      AtomicInteger nextHost,
      long measureFrom,
      long measureTo,
      AtomicLong dispatched,
      AtomicLong exhausted)
      throws IOException {
    long[] latencies = new long[1 << 16];
    int count = 0;
    long dispatches = 0;
    long empty = 0;
    while (true) {
      long now = System.nanoTime();
      if (now >= measureTo || now >= exhausted.get()) {
        return new Stats(Arrays.copyOf(latencies, count), dispatches, empty);
      }
      int host = Math.floorMod(nextHost.getAndIncrement(), tokens.length);
      List<Long> holds = held.get(host);
      String body;
      synchronized (holds) {
        body = ProtocolJson.toJson(new WorkRequest(1, MEMORY, List.copyOf(holds), 0, 0));
      }
      long sent = System.nanoTime();
      WorkReply reply;
      try (Response response =
          http.newCall(
                  new Request.Builder()
                      .url(url + "/api/v1/work")
                      .header("Authorization", "Bearer " + tokens[host])
                      .post(RequestBody.create(body, JSON))
                      .build())
              .execute()) {
        if (response.code() != 200) {
          throw new IOException("work request answered " + response.code());
        }
        reply = ProtocolJson.fromJson(response.body().string(), WorkReply.class);
      }
      long answered = System.nanoTime();
      if (reply.assignment() != null) {
        synchronized (holds) {
          holds.add(reply.assignment().workUnitId());
        }
        if (dispatched.incrementAndGet() == options.units) {
          exhausted.accumulateAndGet(answered, Math::min);
        }
      }
      if (answered >= measureFrom && answered < Math.min(measureTo, exhausted.get())) {
        if (count == latencies.length) {
          latencies = Arrays.copyOf(latencies, count * 2);
        }
        latencies[count++] = answered - sent;
        if (reply.assignment() != null) {
          dispatches++;
        } else {
          empty++;
        }
      }
    }
  }

  /** What one client saw in the measurement window. */
  private record Stats(long[] latencies, long dispatches, long empty) {}

  private String[] register(OkHttpClient http, String url, ExecutorService pool) throws Exception {
    log("registering %d hosts", options.hosts);
    String[] tokens = new String[options.hosts];
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < Math.min(16, options.clients); w++) {
      workers.add(
          pool.submit(
              () -> {
                for (int i = next.getAndIncrement();
                    i < tokens.length;
                    i = next.getAndIncrement()) {
                  String json =
                      ProtocolJson.toJson(
                          new HostRegistration(
                              "bench-" + i, "Linux amd64", 4, 8L << 30, "bench-1"));
                  try (Response response =
                      http.newCall(
                              new Request.Builder()
                                  .url(url + "/api/v1/hosts")
                                  .post(RequestBody.create(json, JSON))
                                  .build())
                          .execute()) {
                    if (response.code() != 201) {
                      throw new IOException("registration answered " + response.code());
                    }
                    tokens[i] =
                        ProtocolJson.fromJson(response.body().string(), HostRegistered.class)
                            .token();
                  }
                }
                return null;
              }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    return tokens;
  }

  private void submitJobs(OkHttpClient http, String url, ExecutorService pool) throws Exception {
    int jobs = (options.units + options.shardsPerJob - 1) / options.shardsPerJob;
    log("submitting %d jobs of %d shards", jobs, options.shardsPerJob);
    // a fifth of the rows is held out, the rest gives every shard at least one row
    int rows = options.shardsPerJob * 5 / 4 + 8;
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> workers = new ArrayList<>();
    // one at a time: on H2 two submissions storing the same blob (every logistic job starts from
    // the same zero model) collide with "Concurrent update in table blobs" (BENCHMARKS.md)
    for (int w = 0; w < 1; w++) {
      workers.add(
          pool.submit(
              () -> {
                for (int j = next.getAndIncrement(); j < jobs; j = next.getAndIncrement()) {
                  // distinct data per job: identical blobs submitted at once collide (see
                  // BENCHMARKS.md)
                  submitJob(http, url, csv(rows, j), j);
                }
                return null;
              }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
  }

  private void submitJob(OkHttpClient http, String url, byte[] csv, int j) throws IOException {
    JobSpec spec =
        new JobSpec(
            "bench-" + j,
            ModelKind.LOGISTIC,
            List.of(),
            new Hyperparameters(0.1, 0.0, 0.0, 16),
            "label",
            options.shardsPerJob,
            1,
            1,
            null,
            0.2,
            42L + j);
    RequestBody body =
        new MultipartBody.Builder()
            .setType(MultipartBody.FORM)
            .addFormDataPart(
                "spec", "spec.json", RequestBody.create(ProtocolJson.toJson(spec), JSON))
            .addFormDataPart("data", "data.csv", RequestBody.create(csv, MediaType.get("text/csv")))
            .build();
    try (Response response =
        http.newCall(new Request.Builder().url(url + "/api/v1/jobs").post(body).build())
            .execute()) {
      if (response.code() != 201) {
        throw new IOException(
            "job submission answered " + response.code() + ": " + response.body().string());
      }
    }
  }

  private static byte[] csv(int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder csv = new StringBuilder("x1,x2,label\n");
    for (int i = 0; i < rows; i++) {
      double x1 = random.nextDouble(-2, 2);
      double x2 = random.nextDouble(-2, 2);
      csv.append(String.format(Locale.ROOT, "%.6f,%.6f,%d%n", x1, x2, x1 > x2 ? 1 : 0));
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Every host heartbeats once per period, the hosts spread evenly over it. */
  private final class Heartbeats {
    final AtomicLong sent = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    private final OkHttpClient http;
    private final String url;
    private final String[] tokens;
    private final long periodNanos;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;
    private long started;
    private long stopped;

    Heartbeats(OkHttpClient http, String url, String[] tokens, Duration period) {
      this.http = http;
      this.url = url;
      this.tokens = tokens;
      this.periodNanos = period.toNanos();
    }

    void start() {
      started = System.nanoTime();
      // enough senders that a slow answer does not slow the others down
      int senders = 32;
      for (int t = 0; t < senders; t++) {
        int first = t;
        Thread thread = new Thread(() -> send(first, senders), "heartbeats-" + t);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
      }
    }

    private void send(int first, int stride) {
      byte[] body =
          ProtocolJson.toJson(new Heartbeat(Heartbeat.HostState.IDLE, null, 0))
              .getBytes(StandardCharsets.UTF_8);
      for (long n = first; running; n += stride) {
        long due = started + n * periodNanos / tokens.length;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          try {
            TimeUnit.NANOSECONDS.sleep(wait);
          } catch (InterruptedException e) {
            return;
          }
        }
        String token = tokens[(int) (n % tokens.length)];
        try (Response response =
            http.newCall(
                    new Request.Builder()
                        .url(url + "/api/v1/heartbeat")
                        .header("Authorization", "Bearer " + token)
                        .post(RequestBody.create(body, JSON))
                        .build())
                .execute()) {
          if (response.code() == 200) {
            sent.incrementAndGet();
          } else {
            failed.incrementAndGet();
          }
        } catch (IOException e) {
          failed.incrementAndGet();
        }
      }
    }

    void stop() throws InterruptedException {
      running = false;
      stopped = System.nanoTime();
      for (Thread thread : threads) {
        thread.join(10_000);
      }
    }

    double elapsedSeconds() {
      return (stopped - started) / 1e9;
    }
  }

  /** How the database runs the dispatch queries after the load: where the time goes. */
  private static void explain(String label, String jdbcUrl) {
    String prefix = "EXPLAIN ANALYZE ";
    long now = System.currentTimeMillis();
    List<String> queries =
        List.of(
            "SELECT w.id FROM work_units w JOIN jobs j ON j.id = w.job_id"
                + " WHERE j.state = 'RUNNING' AND w.round = j.round"
                + " AND (w.state = 'UNSENT' OR (w.state = 'IN_PROGRESS' AND w.deadline_millis < "
                + now
                + ")) ORDER BY w.id LIMIT 16",
            "SELECT w.id FROM work_units w JOIN jobs j ON j.id = w.job_id"
                + " WHERE j.state = 'RUNNING' AND w.round = j.round"
                + " AND w.state = 'IN_PROGRESS' AND w.host_id = 1 ORDER BY w.id");
    Jdbi.create(jdbcUrl)
        .useHandle(
            h -> {
              for (String query : queries) {
                System.err.println("bench: " + label + ": " + query);
                h.createQuery(prefix + query)
                    .mapTo(String.class)
                    .forEach(line -> System.err.println("    " + line));
              }
            });
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }

  /** CPU model, cores, memory and JVM: the figures mean little without them. */
  static String machine() {
    String cpu = "unknown CPU";
    String memory = "unknown memory";
    try {
      cpu =
          Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
              .filter(l -> l.startsWith("model name"))
              .map(l -> l.substring(l.indexOf(':') + 1).trim())
              .findFirst()
              .orElse(cpu);
      memory =
          Files.readAllLines(Path.of("/proc/meminfo")).stream()
              .filter(l -> l.startsWith("MemTotal"))
              .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / (1024 * 1024) + " GiB")
              .findFirst()
              .orElse(memory);
    } catch (IOException | RuntimeException e) {
      // not Linux: leave the unknowns
    }
    return String.format(
        Locale.ROOT,
        "machine: %s, %d cores, %s memory; %s %s (%s), heap max %d MiB; %s %s",
        cpu,
        Runtime.getRuntime().availableProcessors(),
        memory,
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        ManagementFactory.getRuntimeMXBean().getVmVendor(),
        Runtime.getRuntime().maxMemory() >> 20,
        System.getProperty("os.name"),
        System.getProperty("os.version"));
  }

  private static void log(String format, Object... args) {
    System.err.printf(Locale.ROOT, "bench: " + format + "%n", args);
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    }
  }

  record Result(
      String database,
      int hosts,
      int clients,
      long dispatches,
      double perSecond,
      long noWork,
      double p50Millis,
      double p99Millis,
      double heartbeatsPerSecond,
      long heartbeatFailures,
      int target) {
    static String header() {
      return "| database | hosts | concurrent clients | dispatches | dispatches/s | \"no work\" replies"
          + " | p50 ms | p99 ms | heartbeats/s |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|";
    }

    String row() {
      return String.format(
          Locale.ROOT,
          "| %s | %,d | %d | %,d | %,.0f | %,d | %.1f | %.1f | %.0f%s |",
          database,
          hosts,
          clients,
          dispatches,
          perSecond,
          noWork,
          p50Millis,
          p99Millis,
          heartbeatsPerSecond,
          heartbeatFailures == 0 ? "" : " (" + heartbeatFailures + " failed)");
    }

    boolean metTarget() {
      return perSecond >= target && p99Millis < 50;
    }
  }

  /** Command-line options, {@code --name value}. */
  static final class Options {
    int hosts = 10_000;
    int clients = 16;
    int seconds = 20;
    int warmupSeconds = 5;
    int units = 80_000;
    int shardsPerJob = 1_000;
    boolean durable;
    boolean explain;
    String jfr;
    List<String> databases = List.of("h2", "postgres");

    static Options parse(String[] args) {
      Options o = new Options();
      Map<String, String> given = new ConcurrentHashMap<>();
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        if (arg.equals("--help") || arg.equals("-h")) {
          System.out.println(
              "options: --hosts N (10000) --clients N (16) --seconds N (20) --warmup N (5)"
                  + " --units N (80000) --shards-per-job N (1000, at most 1024) --databases h2,postgres"
                  + " --durable (PostgreSQL with fsync) --explain (query plans after the run) --jfr FILE ({db} = h2|pg)");
          System.exit(0);
        }
        if (arg.equals("--explain")) {
          o.explain = true;
          continue;
        }
        if (arg.equals("--durable")) {
          o.durable = true;
          continue;
        }
        if (!arg.startsWith("--") || i + 1 >= args.length) {
          throw new IllegalArgumentException("expected --option value, got " + arg);
        }
        given.put(arg.substring(2), args[++i]);
      }
      given.forEach(
          (key, value) -> {
            switch (key) {
              case "hosts" -> o.hosts = Integer.parseInt(value);
              case "clients" -> o.clients = Integer.parseInt(value);
              case "seconds" -> o.seconds = Integer.parseInt(value);
              case "warmup" -> o.warmupSeconds = Integer.parseInt(value);
              case "units" -> o.units = Integer.parseInt(value);
              case "shards-per-job" -> o.shardsPerJob = Integer.parseInt(value);
              case "databases" -> o.databases = List.of(value.split(","));
              case "jfr" -> o.jfr = value;
              default -> throw new IllegalArgumentException("unknown option --" + key);
            }
          });
      return o;
    }
  }
}
