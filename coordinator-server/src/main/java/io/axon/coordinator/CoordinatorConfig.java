package io.axon.coordinator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a coordinator needs to start. Build one with {@link #builder(Path)}; the defaults suit
 * a single machine.
 *
 * @param bind address to listen on
 * @param port TCP port; 0 picks a free one
 * @param dataDir holds the embedded database (unless {@code dbUrl} points elsewhere) and temporary
 *     upload files
 * @param dbUrl JDBC URL; null means an H2 file database in {@code dataDir}
 * @param deadline how long a volunteer may hold a work unit before it is handed to another
 * @param retryAfter what a volunteer is told to wait when there is no work
 * @param heartbeat how often volunteers should send a heartbeat
 * @param transitionerPeriod how often deadlines and finished rounds are checked in the background
 * @param maxJsonBytes limit on JSON request bodies
 * @param maxResultBytes limit on a result upload (report plus model)
 * @param maxJobBytes limit on a job upload (spec plus CSV)
 * @param currency ISO 4217 code of the money that job owners pay volunteers in
 * @param hostNotRespondingAfter silence after which the host table shows a host as not responding
 * @param hostOfflineAfter silence after which the host table shows a host as offline
 * @param logFormat plain text lines, or one JSON object per line for a log collector
 * @param openJobApi let anyone submit and cancel jobs through the JSON API; by default it takes an
 *     owner's API token or an admin page session (docs/ADMIN.md)
 * @param workHold how long a request for work may wait for a round to open before it is answered
 *     "no work" (a long poll: a volunteer that finished its unit gets the next round's as soon as
 *     it is issued, instead of a {@code retryAfter} later); zero answers at once. Each waiting
 *     request holds a server thread.
 */
public record CoordinatorConfig(
    String bind,
    int port,
    Path dataDir,
    String dbUrl,
    String dbUser,
    String dbPassword,
    Duration deadline,
    Duration retryAfter,
    Duration heartbeat,
    Duration transitionerPeriod,
    long maxJsonBytes,
    long maxResultBytes,
    long maxJobBytes,
    String currency,
    Duration hostNotRespondingAfter,
    Duration hostOfflineAfter,
    LogFormat logFormat,
    boolean openJobApi,
    Duration workHold) {
  public static final int DEFAULT_PORT = 8080;
  public static final String DEFAULT_BIND = "0.0.0.0";
  public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(15);
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(2);
  public static final Duration MAX_WORK_HOLD = Duration.ofSeconds(30);
  public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_TRANSITIONER_PERIOD = Duration.ofSeconds(5);
  public static final long DEFAULT_MAX_JSON_BYTES = 64L * 1024;
  public static final long DEFAULT_MAX_RESULT_BYTES = 64L * 1024 * 1024;
  public static final long DEFAULT_MAX_JOB_BYTES = 512L * 1024 * 1024;
  public static final String DEFAULT_CURRENCY = "USD";

  /** Two missed heartbeats: one late heartbeat is not yet a reason to worry. */
  public static final int DEFAULT_MISSED_HEARTBEATS = 2;

  public static final Duration DEFAULT_HOST_OFFLINE_AFTER = Duration.ofMinutes(10);

  /** How the coordinator writes its log. */
  public enum LogFormat {
    /** One human-readable line per event (the default). */
    TEXT,
    /** One JSON object per line (logback's JsonEncoder), for log collectors. */
    JSON
  }

  public CoordinatorConfig {
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(dataDir, "dataDir");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
    }
    positive("deadline", deadline);
    positive("retryAfter", retryAfter);
    Objects.requireNonNull(workHold, "workHold");
    if (workHold.isNegative() || workHold.compareTo(MAX_WORK_HOLD) > 0) {
      throw new IllegalArgumentException(
          "workHold must be between 0 and " + MAX_WORK_HOLD.toMillis() + " ms, got " + workHold);
    }
    positive("heartbeat", heartbeat);
    positive("transitionerPeriod", transitionerPeriod);
    if (maxJsonBytes < 1024 || maxResultBytes < 1024 || maxJobBytes < 1024) {
      throw new IllegalArgumentException("body size limits must be at least 1024 bytes");
    }
    if (currency == null || !currency.matches("[A-Z]{3}")) {
      throw new IllegalArgumentException(
          "currency must be an ISO 4217 code of three capital letters, e.g. USD, got " + currency);
    }
    positive("hostNotRespondingAfter", hostNotRespondingAfter);
    positive("hostOfflineAfter", hostOfflineAfter);
    if (hostOfflineAfter.compareTo(hostNotRespondingAfter) <= 0) {
      throw new IllegalArgumentException(
          "hostOfflineAfter ("
              + hostOfflineAfter.toSeconds()
              + " s) must be longer than hostNotRespondingAfter ("
              + hostNotRespondingAfter.toSeconds()
              + " s)");
    }
    Objects.requireNonNull(logFormat, "logFormat");
  }

  private static void positive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }

  /** The JDBC URL to use: {@code dbUrl}, or an H2 file database in {@code dataDir}. */
  public String jdbcUrl() {
    if (dbUrl != null) {
      return dbUrl;
    }
    return "jdbc:h2:file:"
        + dataDir.toAbsolutePath().resolve("axon")
        // H2's default WRITE_DELAY (500 ms): commits reach the file in groups, as with PostgreSQL's
        // synchronous_commit=off. WRITE_DELAY=0 wrote the file at every commit, which made each
        // dispatch wait ~90 ms under load; a crash now loses at most the last half second, a clean
        // stop nothing. With the background writer, H2 fails reading a page over 1 MiB that is not
        // yet on disk ("Reading from file … failed"); BlobStore.CHUNK_BYTES keeps rows far smaller.
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
  }

  public static Builder builder(Path dataDir) {
    return new Builder(dataDir);
  }

  public Builder toBuilder() {
    Builder b = new Builder(dataDir);
    b.bind = bind;
    b.port = port;
    b.dbUrl = dbUrl;
    b.dbUser = dbUser;
    b.dbPassword = dbPassword;
    b.deadline = deadline;
    b.retryAfter = retryAfter;
    b.heartbeat = heartbeat;
    b.transitionerPeriod = transitionerPeriod;
    b.maxJsonBytes = maxJsonBytes;
    b.maxResultBytes = maxResultBytes;
    b.maxJobBytes = maxJobBytes;
    b.currency = currency;
    b.hostNotRespondingAfter = hostNotRespondingAfter;
    b.hostOfflineAfter = hostOfflineAfter;
    b.logFormat = logFormat;
    b.openJobApi = openJobApi;
    b.workHold = workHold;
    return b;
  }

  /** Builds a {@link CoordinatorConfig}, starting from the defaults. */
  public static final class Builder {
    private final Path dataDir;
    private String bind = DEFAULT_BIND;
    private int port = DEFAULT_PORT;
    private String dbUrl;
    private String dbUser;
    private String dbPassword;
    private Duration deadline = DEFAULT_DEADLINE;
    private Duration retryAfter = DEFAULT_RETRY_AFTER;
    private Duration heartbeat = DEFAULT_HEARTBEAT;
    private Duration transitionerPeriod = DEFAULT_TRANSITIONER_PERIOD;
    private long maxJsonBytes = DEFAULT_MAX_JSON_BYTES;
    private long maxResultBytes = DEFAULT_MAX_RESULT_BYTES;
    private long maxJobBytes = DEFAULT_MAX_JOB_BYTES;
    private String currency = DEFAULT_CURRENCY;
    private Duration hostNotRespondingAfter; // null: DEFAULT_MISSED_HEARTBEATS heartbeats
    private Duration hostOfflineAfter = DEFAULT_HOST_OFFLINE_AFTER;
    private LogFormat logFormat = LogFormat.TEXT;
    private boolean openJobApi;
    private Duration workHold = Duration.ZERO;

    private Builder(Path dataDir) {
      this.dataDir = dataDir;
    }

    public Builder bind(String value) {
      bind = value;
      return this;
    }

    public Builder port(int value) {
      port = value;
      return this;
    }

    public Builder database(String url, String user, String password) {
      dbUrl = url;
      dbUser = user;
      dbPassword = password;
      return this;
    }

    public Builder deadline(Duration value) {
      deadline = value;
      return this;
    }

    public Builder retryAfter(Duration value) {
      retryAfter = value;
      return this;
    }

    public Builder heartbeat(Duration value) {
      heartbeat = value;
      return this;
    }

    public Builder transitionerPeriod(Duration value) {
      transitionerPeriod = value;
      return this;
    }

    public Builder maxJsonBytes(long value) {
      maxJsonBytes = value;
      return this;
    }

    public Builder maxResultBytes(long value) {
      maxResultBytes = value;
      return this;
    }

    public Builder maxJobBytes(long value) {
      maxJobBytes = value;
      return this;
    }

    public Builder currency(String value) {
      currency = value;
      return this;
    }

    /** Silence after which a host is not responding; by default two heartbeat intervals. */
    public Builder hostNotRespondingAfter(Duration value) {
      hostNotRespondingAfter = value;
      return this;
    }

    public Builder hostOfflineAfter(Duration value) {
      hostOfflineAfter = value;
      return this;
    }

    public Builder logFormat(LogFormat value) {
      logFormat = value;
      return this;
    }

    /** Lets the JSON job API take submissions without an owner's credential (tests, demos). */
    public Builder openJobApi(boolean value) {
      openJobApi = value;
      return this;
    }

    public Builder workHold(Duration value) {
      workHold = value;
      return this;
    }

    public CoordinatorConfig build() {
      return new CoordinatorConfig(
          bind,
          port,
          dataDir,
          dbUrl,
          dbUser,
          dbPassword,
          deadline,
          retryAfter,
          heartbeat,
          transitionerPeriod,
          maxJsonBytes,
          maxResultBytes,
          maxJobBytes,
          currency,
          hostNotRespondingAfter != null || heartbeat == null
              ? hostNotRespondingAfter
              : heartbeat.multipliedBy(DEFAULT_MISSED_HEARTBEATS),
          hostOfflineAfter,
          logFormat,
          openJobApi,
          workHold);
    }
  }
}
