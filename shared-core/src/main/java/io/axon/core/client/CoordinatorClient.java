package io.axon.core.client;

import io.axon.core.client.internal.Coordinators;
import io.axon.core.client.internal.RetryInterceptor;
import io.axon.core.client.internal.TokenInterceptor;
import io.axon.core.common.Sha256;
import io.axon.core.protocol.AccountCreated;
import io.axon.core.protocol.AccountRequest;
import io.axon.core.protocol.AccountSummary;
import io.axon.core.protocol.EarningsStatement;
import io.axon.core.protocol.ErrorBody;
import io.axon.core.protocol.Heartbeat;
import io.axon.core.protocol.HeartbeatReply;
import io.axon.core.protocol.HostRegistered;
import io.axon.core.protocol.HostRegistration;
import io.axon.core.protocol.HostTable;
import io.axon.core.protocol.JobSpec;
import io.axon.core.protocol.JobStatus;
import io.axon.core.protocol.ProtocolException;
import io.axon.core.protocol.ProtocolJson;
import io.axon.core.protocol.ResultReply;
import io.axon.core.protocol.ResultReport;
import io.axon.core.protocol.WorkReply;
import io.axon.core.protocol.WorkRequest;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The coordinator's HTTP API v1 (docs/PROTOCOL.md) for volunteers and job owners. Every call may be
 * retried (see {@link Builder#maxAttempts}); a non-2xx answer throws {@link CoordinatorException}.
 * Thread-safe; clients made by {@link #withToken} share connections and threads, and {@link
 * #close()} on any of them releases those.
 *
 * <p>Given several coordinator URLs ({@link #builder(List)}), which must share one database, the
 * client fails over between them: a connection failure or a 5xx moves the call on to the next
 * coordinator at once, round-robin, and the client stays with the one that answered for later
 * calls. A 4xx never fails over: another coordinator would answer the same.
 */
public final class CoordinatorClient implements Closeable {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final MediaType OCTETS = MediaType.get("application/octet-stream");
  private static final MediaType CSV = MediaType.get("text/csv; charset=utf-8");
  private static final long MAX_ERROR_BODY = 64 * 1024;

  /** Larger request bodies time the upload more than the network, so they are not measured. */
  private static final long MAX_TIMED_BODY = 64 * 1024;

  /** The request for work, which a coordinator may hold open (its work hold). */
  private static final String WORK_PATH = "/api/v1/work";

  private final Coordinators coordinators;
  private final HttpUrl api;
  private final OkHttpClient shared;
  private final OkHttpClient http;
  private final String userAgent;
  private final AtomicLong lastRtt; // -1: none yet; shared with the clients withToken makes

  private CoordinatorClient(
      Coordinators coordinators,
      OkHttpClient shared,
      String token,
      String userAgent,
      AtomicLong lastRtt) {
    this.coordinators = coordinators;
    this.lastRtt = lastRtt;
    this.api = coordinators.primaryApi();
    this.shared = shared;
    this.http =
        token == null
            ? shared
            : shared.newBuilder().addInterceptor(new TokenInterceptor(token)).build();
    this.userAgent = userAgent;
  }

  /** Starts a client for the coordinator at {@code baseUrl}, e.g. {@code http://host:8080}. */
  public static Builder builder(String baseUrl) {
    return new Builder(Collections.singletonList(baseUrl));
  }

  /**
   * Starts a client that fails over between the coordinators at {@code baseUrls} (at least one, no
   * duplicates), trying them in this order first.
   */
  public static Builder builder(List<String> baseUrls) {
    return new Builder(baseUrls);
  }

  /** A client for the same coordinators that sends {@code Authorization: Bearer <token>}. */
  public CoordinatorClient withToken(String token) {
    return new CoordinatorClient(coordinators, shared, token, userAgent, lastRtt);
  }

  /**
   * The round-trip time of the last answered request with a small body: from sending the request on
   * an open connection to receiving the reply's headers, so it leaves out connecting and large
   * uploads but includes the coordinator's handling time. Empty before the first answer. Shared
   * with the clients made by {@link #withToken}; a volunteer sends it in its heartbeats.
   */
  public OptionalLong lastRttMillis() {
    long rtt = lastRtt.get();
    return rtt < 0 ? OptionalLong.empty() : OptionalLong.of(rtt);
  }

  /** The coordinators' base URLs in the order given. */
  public List<String> baseUrls() {
    List<String> urls = new ArrayList<>(coordinators.size());
    for (HttpUrl base : coordinators.bases()) {
      urls.add(base.toString());
    }
    return Collections.unmodifiableList(urls);
  }

  /**
   * The base URL of the coordinator the next call goes to first: the one that answered last, or the
   * next after one that failed. Shared with the clients made by {@link #withToken}.
   */
  public String currentBaseUrl() {
    return coordinators.bases().get(coordinators.current()).toString();
  }

  /** {@code POST /api/v1/hosts}: registers this volunteer, once. */
  public HostRegistered register(HostRegistration registration) throws IOException {
    return call(post("hosts", json(registration)), HostRegistered.class);
  }

  /** {@code POST /api/v1/heartbeat} (token). */
  public HeartbeatReply heartbeat(Heartbeat heartbeat) throws IOException {
    return call(post("heartbeat", json(heartbeat)), HeartbeatReply.class);
  }

  /** {@code POST /api/v1/work} (token): asks for one work unit. */
  public WorkReply requestWork(WorkRequest request) throws IOException {
    return call(post("work", json(request)), WorkReply.class);
  }

  /**
   * {@code GET /api/v1/blobs/{sha256}} (token): a model or shard by content hash.
   *
   * @throws IOException also if the bytes do not hash to {@code sha256}
   */
  public byte[] downloadBlob(String sha256) throws IOException {
    if (!Sha256.isValid(sha256)) {
      throw new IllegalArgumentException("not a SHA-256: " + sha256);
    }
    Request request = get("blobs/" + sha256);
    byte[] bytes = bytes(request);
    verify(request, sha256, bytes);
    return bytes;
  }

  /**
   * {@code POST /api/v1/results} (token): multipart with the JSON {@code report} and the trained
   * {@code model} bytes, whose SHA-256 must be {@code report.modelSha256()}.
   */
  public ResultReply reportResult(ResultReport report, byte[] model) throws IOException {
    if (!Sha256.hex(model).equals(report.modelSha256())) {
      throw new IllegalArgumentException(
          "the model bytes do not hash to the report's modelSha256 " + report.modelSha256());
    }
    RequestBody body =
        new MultipartBody.Builder()
            .setType(MultipartBody.FORM)
            .addFormDataPart("report", null, json(report))
            .addFormDataPart("model", "model.bin", RequestBody.create(model, OCTETS))
            .build();
    return call(post("results", body), ResultReply.class);
  }

  /**
   * {@code POST /api/v1/jobs}: multipart with the JSON {@code spec} and the CSV file as {@code
   * data}, streamed from disk.
   */
  public JobStatus submitJob(JobSpec spec, Path csv) throws IOException {
    if (!Files.isRegularFile(csv) || !Files.isReadable(csv)) {
      throw new NoSuchFileException(csv.toString(), null, "not a readable file");
    }
    RequestBody body =
        new MultipartBody.Builder()
            .setType(MultipartBody.FORM)
            .addFormDataPart("spec", null, json(spec))
            .addFormDataPart(
                "data", csv.getFileName().toString(), RequestBody.create(csv.toFile(), CSV))
            .build();
    return call(post("jobs", body), JobStatus.class);
  }

  /** {@code GET /api/v1/jobs}: every job. */
  public List<JobStatus> jobs() throws IOException {
    Request request = get("jobs");
    return parse(request, text(request), body -> ProtocolJson.listFromJson(body, JobStatus.class));
  }

  /** {@code GET /api/v1/jobs/{id}}. */
  public JobStatus job(long id) throws IOException {
    return call(get("jobs/" + id), JobStatus.class);
  }

  /**
   * {@code GET /api/v1/jobs/{id}/model}: the current global model's bytes, checked against the
   * SHA-256 in the reply's ETag when there is one.
   */
  public byte[] jobModel(long id) throws IOException {
    Request request = get("jobs/" + id + "/model");
    try (Response response = execute(request)) {
      byte[] bytes = response.body().bytes();
      String etag = response.header("ETag");
      String sha256 = etag == null ? null : etag.replace("W/", "").replace("\"", "");
      if (Sha256.isValid(sha256)) {
        verify(request, sha256, bytes);
      }
      return bytes;
    }
  }

  /** {@code GET /api/v1/hosts}: the shared host table. */
  public HostTable hosts() throws IOException {
    return call(get("hosts"), HostTable.class);
  }

  /** Releases connections and threads, also those of clients made by {@link #withToken}. */
  @Override
  public void close() {
    shared.dispatcher().executorService().shutdown();
    shared.connectionPool().evictAll();
  }

  private Request post(String path, RequestBody body) {
    return request(path).post(body).build();
  }

  private Request get(String path) {
    return request(path).get().build();
  }

  private Request.Builder request(String path) {
    return new Request.Builder()
        .url(api.newBuilder().addPathSegments(path).build())
        .header("User-Agent", userAgent);
  }

  private static RequestBody json(Object message) {
    return RequestBody.create(ProtocolJson.toJson(message), JSON);
  }

  private <T> T call(Request request, Class<T> replyType) throws IOException {
    return parse(request, text(request), body -> ProtocolJson.fromJson(body, replyType));
  }

  private String text(Request request) throws IOException {
    try (Response response = execute(request)) {
      return response.body().string();
    }
  }

  private byte[] bytes(Request request) throws IOException {
    try (Response response = execute(request)) {
      return response.body().bytes();
    }
  }

  /** Executes {@code request}; the returned response is 2xx, anything else is thrown. */
  private Response execute(Request request) throws IOException {
    Response response = http.newCall(request).execute();
    recordRtt(request, response);
    if (response.isSuccessful()) {
      return response;
    }
    try (response) {
      ErrorBody error = errorBody(response);
      throw new CoordinatorException(
          describeSent(response.request())
              + " failed: "
              + response.code()
              + " "
              + error.error()
              + (error.detail() == null ? "" : ": " + error.detail()),
          response.code(),
          error);
    }
  }

  private void recordRtt(Request request, Response response) throws IOException {
    if (request.url().encodedPath().endsWith(WORK_PATH)) {
      // a coordinator with a work hold keeps this request open until work is out: not a round trip
      return;
    }
    RequestBody body = request.body();
    if (body == null || (body.contentLength() >= 0 && body.contentLength() <= MAX_TIMED_BODY)) {
      long rtt = response.receivedResponseAtMillis() - response.sentRequestAtMillis();
      if (rtt >= 0) {
        lastRtt.set(rtt);
      }
    }
  }

  private static ErrorBody errorBody(Response response) throws IOException {
    String text = response.peekBody(MAX_ERROR_BODY).string().trim();
    if (text.startsWith("{")) {
      try {
        return ProtocolJson.fromJson(text, ErrorBody.class);
      } catch (ProtocolException e) {
        // not our error body (a proxy's, say): fall through to a readable one
      }
    }
    String detail =
        text.isEmpty()
            ? "HTTP " + response.code() + " " + response.message()
            : text.length() > 200 ? text.substring(0, 200) + "..." : text;
    return new ErrorBody(errorCode(response.code()), detail.trim());
  }

  private static String errorCode(int status) {
    switch (status) {
      case 400:
        return "bad_request";
      case 401:
        return "unauthorized";
      case 404:
        return "not_found";
      case 409:
        return "conflict";
      case 413:
        return "body_too_large";
      default:
        return status >= 500 ? "internal" : "http_" + status;
    }
  }

  private interface Parser<T> {
    T parse(String body);
  }

  private static <T> T parse(Request request, String body, Parser<T> parser) throws IOException {
    try {
      return parser.parse(body);
    } catch (ProtocolException e) {
      throw new IOException(
          describe(request) + ": the coordinator's reply is not valid: " + e.getMessage(), e);
    }
  }

  private static void verify(Request request, String sha256, byte[] bytes) throws IOException {
    String actual = Sha256.hex(bytes);
    if (!actual.equals(sha256)) {
      throw new IOException(
          describe(request)
              + ": SHA-256 mismatch, expected "
              + sha256
              + " but the "
              + bytes.length
              + " bytes received hash to "
              + actual);
    }
  }

  private static String describe(Request request) {
    return request.method() + " " + request.url().encodedPath();
  }

  /** The request as sent; with several coordinators, its whole URL says which one answered. */
  private String describeSent(Request sent) {
    return coordinators.size() > 1 ? sent.method() + " " + sent.url() : describe(sent);
  }

  /** Waits between retries; {@code Thread::sleep} unless a test wants to record the delays. */
  public interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  /** Configures a {@link CoordinatorClient}. Defaults suit a volunteer on a home connection. */
  public static final class Builder {
    private final Coordinators coordinators;
    private String token;
    private int maxAttempts = 5;
    private Duration baseDelay = Duration.ofMillis(500);
    private Duration maxDelay = Duration.ofSeconds(30);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(60);
    private Duration writeTimeout = Duration.ofSeconds(60);
    private Sleeper sleeper = Thread::sleep;
    private String userAgent = "axon-client/0.1";

    private Builder(List<String> baseUrls) {
      List<HttpUrl> bases = new ArrayList<>(baseUrls.size());
      for (String baseUrl : baseUrls) {
        HttpUrl url = baseUrl == null ? null : HttpUrl.parse(baseUrl);
        if (url == null) {
          throw new IllegalArgumentException("not an http(s) URL: " + baseUrl);
        }
        bases.add(url);
      }
      this.coordinators = new Coordinators(bases);
    }

    /** The bearer token for volunteer calls; see also {@link CoordinatorClient#withToken}. */
    public Builder token(String token) {
      this.token = token;
      return this;
    }

    /**
     * Tries a call at most this often per coordinator (default 5); 1 turns retries off, but still
     * tries each of several coordinators once.
     */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** The backoff ceiling before the first retry, doubling per retry (default 500 ms). */
    public Builder baseDelay(Duration baseDelay) {
      this.baseDelay = baseDelay;
      return this;
    }

    /** The largest backoff ceiling (default 30 s). */
    public Builder maxDelay(Duration maxDelay) {
      this.maxDelay = maxDelay;
      return this;
    }

    /** The longest wait for a TCP connection (default 10 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    /** The longest silence while reading a reply (default 60 s). */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = timeout;
      return this;
    }

    /** The longest stall while sending a request body (default 60 s). */
    public Builder writeTimeout(Duration timeout) {
      this.writeTimeout = timeout;
      return this;
    }

    /** How to wait between attempts (default {@code Thread::sleep}); tests record the delays. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    /** The User-Agent header (default {@code axon-client/0.1}). */
    public Builder userAgent(String userAgent) {
      this.userAgent = userAgent;
      return this;
    }

    public CoordinatorClient build() {
      OkHttpClient shared =
          new OkHttpClient.Builder()
              .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
              .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
              .writeTimeout(writeTimeout.toMillis(), TimeUnit.MILLISECONDS)
              .addInterceptor(
                  new RetryInterceptor(
                      maxAttempts,
                      baseDelay.toMillis(),
                      maxDelay.toMillis(),
                      sleeper::sleep,
                      () -> ThreadLocalRandom.current().nextDouble(),
                      coordinators))
              .build();
      return new CoordinatorClient(coordinators, shared, token, userAgent, new AtomicLong(-1));
    }
  }

  // volunteers' accounts, credit and earnings

  private static final String ACCOUNT_KEY_HEADER = "X-Account-Key";

  /**
   * {@code POST /api/v1/accounts}: opens a volunteer account. Keep the returned {@link
   * AccountCreated#accountKey()}: the coordinator shows it this once.
   */
  public AccountCreated createAccount(String name) throws IOException {
    return call(post("accounts", json(new AccountRequest(name))), AccountCreated.class);
  }

  /** {@code GET /api/v1/account} (account key): credit and earnings so far. */
  public AccountSummary account(String accountKey) throws IOException {
    return call(accountRequest(accountKey, "account", null, null), AccountSummary.class);
  }

  /**
   * {@code GET /api/v1/account/statement} (account key): earnings from {@code from} (inclusive;
   * null: since the account was opened) to {@code to} (exclusive; null: now).
   */
  public EarningsStatement statement(String accountKey, Instant from, Instant to)
      throws IOException {
    return call(accountRequest(accountKey, "account/statement", from, to), EarningsStatement.class);
  }

  private Request accountRequest(String accountKey, String path, Instant from, Instant to) {
    if (accountKey == null || accountKey.trim().isEmpty()) {
      throw new IllegalArgumentException("an account key is required");
    }
    HttpUrl.Builder url = api.newBuilder().addPathSegments(path);
    if (from != null) {
      url.addQueryParameter("from", from.toString());
    }
    if (to != null) {
      url.addQueryParameter("to", to.toString());
    }
    return new Request.Builder()
        .url(url.build())
        .header("User-Agent", userAgent)
        .header(ACCOUNT_KEY_HEADER, accountKey.trim())
        .get()
        .build();
  }
}
