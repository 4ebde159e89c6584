package io.axon.coordinator.host;

import io.axon.coordinator.CoordinatorConfig;
import io.axon.coordinator.credit.RecentAverage;
import io.axon.coordinator.db.Database;
import io.axon.coordinator.web.ApiException;
import io.axon.core.common.Sha256;
import io.axon.core.protocol.Heartbeat;
import io.axon.core.protocol.HeartbeatReply;
import io.axon.core.protocol.HostInfo;
import io.axon.core.protocol.HostRegistered;
import io.axon.core.protocol.HostRegistration;
import io.axon.core.protocol.HostTable;
import io.axon.core.training.ModelKind;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers volunteers, recognises them by their bearer token and keeps the shared host table.
 * Tokens are random UUIDs handed out once; only their SHA-256 is stored, so a database dump reveals
 * no usable token. Account keys are kept the same way.
 */
@Singleton
public final class HostService {
  private static final Logger log = LoggerFactory.getLogger(HostService.class);
  private static final long TOKEN_TTL_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final int MAX_TOKENS = 200_000;

  private final Jdbi jdbi;
  private final Clock clock;
  private final int heartbeatSeconds;
  private final HostStates states;
  private final HeartbeatBuffer beats;
  private final Map<String, KnownToken> tokens = new ConcurrentHashMap<>();

  @Inject
  public HostService(
      Database database, Clock clock, CoordinatorConfig config, HeartbeatBuffer beats) {
    this.jdbi = database.jdbi();
    this.beats = beats;
    this.clock = clock;
    this.heartbeatSeconds = (int) config.heartbeat().toSeconds();
    this.states = HostStates.of(config);
  }

  /**
   * Stores a new host, attached to the account whose key it gives.
   *
   * @throws ApiException 400 if the account key is unknown; nothing is stored then
   */
  public HostRegistered register(HostRegistration registration) {
    HostDao dao = jdbi.onDemand(HostDao.class);
    Long accountId = null;
    if (registration.accountKey() != null) {
      accountId =
          dao.findAccountIdByKeySha256(sha256(registration.accountKey().trim()))
              .orElseThrow(
                  () ->
                      ApiException.badRequest(
                          "unknown accountKey: create an account first (POST /api/v1/accounts)"
                              + " and register with the key it returns, or leave accountKey out"
                              + " to compute anonymously"));
    }
    String token = UUID.randomUUID().toString();
    long id =
        dao.insert(
            registration.name(),
            registration.platform(),
            registration.cores(),
            registration.memoryBytes(),
            registration.clientVersion(),
            sha256(token),
            clock.instant(),
            accountId,
            registration.kernels().stream().map(ModelKind::name).collect(Collectors.joining(",")));
    log.info(
        "host {} registered: {} ({}, {} cores, account {})",
        id,
        registration.name(),
        registration.platform(),
        registration.cores(),
        accountId == null ? "none" : accountId);
    return new HostRegistered(id, token);
  }

  /**
   * The id of the host holding {@code token}, or empty if no host does. Every heartbeat and work
   * request asks, so known tokens are remembered for a minute (a token never changes hosts).
   */
  public OptionalLong authenticate(String token) {
    String hash = sha256(token);
    long now = System.nanoTime();
    KnownToken known = tokens.get(hash);
    if (known != null && now - known.sinceNanos() < TOKEN_TTL_NANOS) {
      return OptionalLong.of(known.hostId());
    }
    Optional<Long> id = jdbi.onDemand(HostDao.class).findIdByTokenSha256(hash);
    if (id.isEmpty()) {
      tokens.remove(hash);
      return OptionalLong.empty();
    }
    if (tokens.size() >= MAX_TOKENS) {
      tokens.clear();
    }
    tokens.put(hash, new KnownToken(id.get(), now));
    return OptionalLong.of(id.get());
  }

  private record KnownToken(long hostId, long sinceNanos) {}

  /** Kept in memory and written with others within seconds ({@link HeartbeatBuffer}). */
  public HeartbeatReply heartbeat(long hostId, Heartbeat heartbeat) {
    beats.record(
        hostId,
        heartbeat.state().name(),
        heartbeat.threads(),
        heartbeat.rttMillis(),
        clock.instant());
    return new HeartbeatReply(clock.millis(), heartbeatSeconds);
  }

  /** The shared host table as of now: states from each host's silence, RAC decayed to now. */
  public HostTable table() {
    beats.flush();
    Instant now = clock.instant();
    List<HostRow> rows = jdbi.onDemand(HostDao.class).list();
    List<HostInfo> hosts = new ArrayList<>(rows.size());
    for (HostRow row : rows) {
      hosts.add(
          new HostInfo(
              row.id(),
              row.name(),
              row.platform(),
              row.cores(),
              row.memoryBytes(),
              kernels(row.kernels()),
              row.clientVersion(),
              row.accountName(),
              states.at(row.lastSeen(), now),
              row.lastSeen().toEpochMilli(),
              row.rttMillis(),
              row.threads(),
              row.totalCredit(),
              RecentAverage.at(row.expavgCredit(), row.expavgMillis(), now.toEpochMilli())));
    }
    return new HostTable(hosts);
  }

  /** How many hosts are in each state now, counted on the last_seen index (for metrics). */
  public Map<HostInfo.State, Long> countByState() {
    beats.flush();
    Instant now = clock.instant();
    HostDao dao = jdbi.onDemand(HostDao.class);
    long all = dao.count();
    long notOffline = dao.countSeenSince(states.notOfflineSince(now));
    long online = dao.countSeenSince(states.onlineSince(now));
    Map<HostInfo.State, Long> counts = new EnumMap<>(HostInfo.State.class);
    counts.put(HostInfo.State.ONLINE, online);
    counts.put(HostInfo.State.NOT_RESPONDING, notOffline - online);
    counts.put(HostInfo.State.OFFLINE, all - notOffline);
    return counts;
  }

  private static List<ModelKind> kernels(String names) {
    List<ModelKind> kinds = new ArrayList<>();
    for (String name : names.split(",")) {
      if (!name.isBlank()) {
        kinds.add(ModelKind.valueOf(name.trim()));
      }
    }
    return kinds;
  }

  static String sha256(String secret) {
    return Sha256.hex(secret.getBytes(StandardCharsets.UTF_8));
  }
}
