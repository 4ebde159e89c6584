package io.axon.core.engine;

import io.axon.core.common.Sha256;
import io.axon.core.data.Dataset;
import io.axon.core.data.ShardFormat;
import io.axon.core.protocol.BlobRef;
import io.axon.core.protocol.ErrorBody;
import io.axon.core.protocol.Heartbeat;
import io.axon.core.protocol.HeartbeatReply;
import io.axon.core.protocol.HostRegistered;
import io.axon.core.protocol.HostRegistration;
import io.axon.core.protocol.ProtocolJson;
import io.axon.core.protocol.ResultReply;
import io.axon.core.protocol.ResultReport;
import io.axon.core.protocol.WorkAssignment;
import io.axon.core.protocol.WorkReply;
import io.axon.core.protocol.WorkRequest;
import io.axon.core.training.Hyperparameters;
import io.axon.core.training.Kernel;
import io.axon.core.training.ModelFormat;
import io.axon.core.training.ModelSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;

/**
 * A scripted coordinator on a real HTTP server (MockWebServer) that speaks protocol v1: it
 * registers hosts, checks tokens, hands out queued work units, serves blobs and takes results.
 * Tests switch its behaviour: forget all hosts (401), fail or refuse uploads, serve corrupt blobs.
 */
public final class FakeCoordinator implements AutoCloseable {
  /** What the coordinator does with an uploaded result. */
  public enum ResultMode {
    ACCEPT,
    /** 503: the coordinator is in trouble; the volunteer must keep the result. */
    FAIL,
    /** 409: the work unit is not this host's any more; the volunteer must drop the result. */
    CONFLICT
  }

  private static final Pattern BLOB = Pattern.compile("/api/v1/blobs/([0-9a-f]{64})");
  private static final Pattern PART_NAME = Pattern.compile("name=\"([^\"]+)\"");

  private final MockWebServer server = new MockWebServer();
  private final AtomicLong hostIds = new AtomicLong();
  private final AtomicLong unitIds = new AtomicLong(100);
  private final Set<String> tokens = ConcurrentHashMap.newKeySet();
  private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> downloads = new ConcurrentHashMap<>();
  private final Set<String> corruptBlobs = ConcurrentHashMap.newKeySet();
  private final Deque<WorkAssignment> work = new ConcurrentLinkedDeque<>();
  private final List<HostRegistration> registrations = new CopyOnWriteArrayList<>();
  private final List<String> tokensSeen = new CopyOnWriteArrayList<>();
  private final List<ResultReport> results = new CopyOnWriteArrayList<>();
  private final Map<Long, byte[]> resultModels = new ConcurrentHashMap<>();
  private final List<Heartbeat> heartbeats = new CopyOnWriteArrayList<>();
  private final List<WorkRequest> workRequests = new CopyOnWriteArrayList<>();
  private volatile boolean resendsUnreported;
  private volatile WorkAssignment lastSent;
  private final AtomicInteger unauthorized = new AtomicInteger();
  private final AtomicInteger uploadAttempts = new AtomicInteger();
  private volatile ResultMode resultMode = ResultMode.ACCEPT;
  private volatile int retryAfterSeconds = 1;
  private volatile int heartbeatSeconds = 30;
  private volatile java.time.Duration blobDelay = java.time.Duration.ZERO;

  private FakeCoordinator() {}

  /** Starts a coordinator on a free local port. */
  public static FakeCoordinator start() throws IOException {
    FakeCoordinator coordinator = new FakeCoordinator();
    coordinator.server.setDispatcher(coordinator.new Routes());
    coordinator.server.start();
    return coordinator;
  }

  public String url() {
    String url = server.url("/").toString();
    return url.substring(0, url.length() - 1);
  }

  // --- scripting -------------------------------------------------------------------------------

  /** Stores {@code bytes} as a blob and returns its reference. */
  public BlobRef addBlob(byte[] bytes) {
    String sha = Sha256.hex(bytes);
    blobs.put(sha, bytes.clone());
    return new BlobRef(sha, bytes.length);
  }

  /** The bytes of a blob added earlier, or null. */
  public byte[] blob(String sha256) {
    byte[] bytes = blobs.get(sha256);
    return bytes == null ? null : bytes.clone();
  }

  /** Queues a logistic-regression unit: {@code rows} seeded rows, {@code epochs} epochs. */
  public WorkAssignment offerLogistic(int rows, int epochs) {
    return offer(logisticShard(rows, 3, 7), epochs, 7);
  }

  /** Queues a logistic-regression unit on {@code shard}. */
  public WorkAssignment offer(Dataset shard, int epochs, long seed) {
    WorkAssignment unit = unit(shard, epochs, seed);
    work.add(unit);
    return unit;
  }

  /**
   * Queues a small unit that claims {@code flops}: a host that tells its speed gets it only if it
   * can do that many before the unit's deadline, as the real coordinator decides.
   */
  public WorkAssignment offerClaiming(long flops) {
    WorkAssignment unit = unit(logisticShard(50, 3, 11), 1, 11);
    WorkAssignment claiming =
        new WorkAssignment(
            unit.workUnitId(),
            unit.jobId(),
            unit.jobName(),
            unit.round(),
            unit.model(),
            unit.hyperparameters(),
            unit.localEpochs(),
            unit.seed(),
            unit.modelBlob(),
            unit.shardBlob(),
            unit.deadlineMillis(),
            flops);
    work.add(claiming);
    return claiming;
  }

  private WorkAssignment unit(Dataset shard, int epochs, long seed) {
    ModelSpec spec = ModelSpec.logistic(shard.features());
    BlobRef model = addBlob(ModelFormat.encode(Kernel.forSpec(spec).initialize(seed)));
    BlobRef data = addBlob(ShardFormat.encode(shard));
    long id = unitIds.incrementAndGet();
    WorkAssignment unit =
        new WorkAssignment(
            id,
            1,
            "lr-test",
            (int) (id - 100),
            spec,
            new Hyperparameters(0.1, 0.9, 0.0, 32),
            epochs,
            seed + id,
            model,
            data,
            System.currentTimeMillis() + 600_000,
            Kernel.forSpec(spec).flops(shard.rows(), epochs, 32));
    return unit;
  }

  /** A seeded, linearly separable-ish binary data set. */
  public static Dataset logisticShard(int rows, int features, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[rows * features];
    float[] y = new float[rows];
    for (int r = 0; r < rows; r++) {
      double score = 0;
      for (int f = 0; f < features; f++) {
        float v = (float) random.nextGaussian();
        x[r * features + f] = v;
        score += (f + 1) * v;
      }
      y[r] = score > 0 ? 1 : 0;
    }
    return new Dataset(rows, features, x, y);
  }

  /** Forgets every host, as after a database reset: old tokens get 401 from now on. */
  public void forgetHosts() {
    tokens.clear();
  }

  public void resultMode(ResultMode mode) {
    this.resultMode = mode;
  }

  /** Serves bytes that do not match the blob's name. */
  public void corruptBlob(String sha256) {
    corruptBlobs.add(sha256);
  }

  /** Every blob download takes at least this long, as over a slow link. */
  public void blobDelay(java.time.Duration delay) {
    blobDelay = delay;
  }

  public void heartbeatSeconds(int seconds) {
    this.heartbeatSeconds = seconds;
  }

  /**
   * Behaves like a coordinator from before {@code heldUnits}: while the last unit it sent has no
   * result, every work request gets that unit again.
   */
  public void resendsUnreported(boolean resends) {
    this.resendsUnreported = resends;
  }

  public void retryAfterSeconds(int seconds) {
    this.retryAfterSeconds = seconds;
  }

  // --- what happened ---------------------------------------------------------------------------

  public List<HostRegistration> registrations() {
    return Collections.unmodifiableList(registrations);
  }

  /** Tokens of the authorized calls, in order. */
  public List<String> tokensSeen() {
    return Collections.unmodifiableList(tokensSeen);
  }

  public List<ResultReport> results() {
    return Collections.unmodifiableList(results);
  }

  public byte[] resultModel(long workUnitId) {
    return resultModels.get(workUnitId);
  }

  public int downloads(String sha256) {
    AtomicInteger count = downloads.get(sha256);
    return count == null ? 0 : count.get();
  }

  public int heartbeats() {
    return heartbeats.size();
  }

  /** The heartbeats received, in order. */
  public List<Heartbeat> heartbeatsReceived() {
    return Collections.unmodifiableList(heartbeats);
  }

  public int unauthorizedCalls() {
    return unauthorized.get();
  }

  public int uploadAttempts() {
    return uploadAttempts.get();
  }

  public int queuedUnits() {
    return work.size();
  }

  /** The work requests received, in order. */
  public List<WorkRequest> workRequests() {
    return Collections.unmodifiableList(workRequests);
  }

  @Override
  public void close() throws IOException {
    server.close();
  }

  // --- the routes ------------------------------------------------------------------------------

  private final class Routes extends Dispatcher {
    @Override
    public MockResponse dispatch(RecordedRequest request) {
      try {
        return route(request);
      } catch (Exception e) {
        return error(500, "internal", e.toString());
      }
    }

    private MockResponse route(RecordedRequest request) throws IOException {
      String path = request.getUrl().encodedPath();
      String method = request.getMethod();
      if ("POST".equals(method) && path.equals("/api/v1/hosts")) {
        return register(request);
      }
      String auth = request.getHeaders().get("Authorization");
      String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
      if (token == null || !tokens.contains(token)) {
        unauthorized.incrementAndGet();
        return error(401, "unauthorized", "unknown token");
      }
      tokensSeen.add(token);
      Matcher blob = BLOB.matcher(path);
      if ("GET".equals(method) && blob.matches()) {
        return blob(blob.group(1));
      }
      switch (method + " " + path) {
        case "POST /api/v1/heartbeat":
          heartbeats.add(ProtocolJson.fromJson(request.getBody().utf8(), Heartbeat.class));
          return json(200, new HeartbeatReply(System.currentTimeMillis(), heartbeatSeconds));
        case "POST /api/v1/work":
          return work(ProtocolJson.fromJson(request.getBody().utf8(), WorkRequest.class));
        case "POST /api/v1/results":
          return result(request);
        default:
          return error(404, "not_found", method + " " + path);
      }
    }

    /** The next unit, unless the host told a speed too slow to finish it before its deadline. */
    private synchronized MockResponse work(WorkRequest request) {
      workRequests.add(request);
      WorkAssignment previous = lastSent;
      if (resendsUnreported
          && previous != null
          && !resultUnitIds().contains(previous.workUnitId())) {
        return json(200, WorkReply.of(previous));
      }
      WorkAssignment next = work.peek();
      if (next != null && request.flopsPerSecond() > 0) {
        double seconds = request.queuedSeconds() + (double) next.flops() / request.flopsPerSecond();
        if (System.currentTimeMillis() + seconds * 1000 >= next.deadlineMillis()) {
          return json(200, WorkReply.none(retryAfterSeconds));
        }
      }
      WorkAssignment unit = work.poll();
      if (unit != null) {
        lastSent = unit;
      }
      return json(200, unit == null ? WorkReply.none(retryAfterSeconds) : WorkReply.of(unit));
    }

    private MockResponse register(RecordedRequest request) {
      HostRegistration registration =
          ProtocolJson.fromJson(request.getBody().utf8(), HostRegistration.class);
      registrations.add(registration);
      String token = UUID.randomUUID().toString();
      tokens.add(token);
      return json(201, new HostRegistered(hostIds.incrementAndGet(), token));
    }

    private MockResponse blob(String sha) {
      byte[] bytes = blobs.get(sha);
      if (bytes == null) {
        return error(404, "not_found", "no blob " + sha);
      }
      downloads.computeIfAbsent(sha, s -> new AtomicInteger()).incrementAndGet();
      if (corruptBlobs.contains(sha)) {
        bytes = bytes.clone();
        bytes[0] ^= 1;
      }
      return new MockResponse.Builder()
          .code(200)
          .setHeader("Content-Type", "application/octet-stream")
          .setHeader("ETag", "\"" + sha + "\"")
          .body(new Buffer().write(bytes))
          .headersDelay(blobDelay.toMillis(), TimeUnit.MILLISECONDS)
          .build();
    }

    private MockResponse result(RecordedRequest request) throws IOException {
      uploadAttempts.incrementAndGet();
      ResultReport report = null;
      byte[] model = null;
      MediaType type = MediaType.parse(request.getHeaders().get("Content-Type"));
      Buffer body = new Buffer().write(request.getBody());
      try (MultipartReader reader = new MultipartReader(body, type.parameter("boundary"))) {
        for (MultipartReader.Part part; (part = reader.nextPart()) != null; ) {
          Matcher name = PART_NAME.matcher(part.headers().get("Content-Disposition"));
          if (!name.find()) {
            continue;
          }
          if (name.group(1).equals("report")) {
            report = ProtocolJson.fromJson(part.body().readUtf8(), ResultReport.class);
          } else if (name.group(1).equals("model")) {
            model = part.body().readByteArray();
          }
        }
      }
      if (report == null || model == null) {
        return error(400, "bad_request", "report and model parts are required");
      }
      if (!Sha256.hex(model).equals(report.modelSha256())) {
        return error(400, "bad_request", "model does not match modelSha256");
      }
      switch (resultMode) {
        case FAIL:
          return error(503, "internal", "database unavailable");
        case CONFLICT:
          return error(409, "conflict", "work unit " + report.workUnitId() + " is not yours");
        default:
          results.add(report);
          resultModels.put(report.workUnitId(), model);
          return json(200, new ResultReply(report.workUnitId(), true, "accepted"));
      }
    }
  }

  private static MockResponse json(int code, Object body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(ProtocolJson.toJson(body))
        .build();
  }

  private static MockResponse error(int code, String error, String detail) {
    return json(code, new ErrorBody(error, detail));
  }

  /** All results' work unit ids, in arrival order. */
  public List<Long> resultUnitIds() {
    List<Long> ids = new ArrayList<>();
    for (ResultReport report : results) {
      ids.add(report.workUnitId());
    }
    return ids;
  }
}
