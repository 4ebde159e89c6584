package io.axon.coordinator.host;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code hosts} table: registered volunteers and the SHA-256 of their tokens. */
@RegisterConstructorMapper(HostRow.class)
public interface HostDao {
  @SqlUpdate(
      "INSERT INTO hosts (name, platform, cores, memory_bytes, client_version, token_sha256,"
          + " state, threads, created_at, last_seen, account_id, kernels)"
          + " VALUES (:name, :platform, :cores, :memoryBytes, :clientVersion, :tokenSha256,"
          + " 'IDLE', 0, :now, :now, :accountId, :kernels)")
  @GetGeneratedKeys("id")
  long insert(
      @Bind("name") String name,
      @Bind("platform") String platform,
      @Bind("cores") int cores,
      @Bind("memoryBytes") long memoryBytes,
      @Bind("clientVersion") String clientVersion,
      @Bind("tokenSha256") String tokenSha256,
      @Bind("now") Instant now,
      @Bind("accountId") Long accountId,
      @Bind("kernels") String kernels);

  @SqlQuery("SELECT id FROM hosts WHERE token_sha256 = :tokenSha256")
  Optional<Long> findIdByTokenSha256(@Bind("tokenSha256") String tokenSha256);

  /** The account holding the key of this hash (accounts.key_sha256 is unique, so indexed). */
  @SqlQuery("SELECT id FROM accounts WHERE key_sha256 = :keySha256")
  Optional<Long> findAccountIdByKeySha256(@Bind("keySha256") String keySha256);

  /** A heartbeat without an RTT keeps the last one reported. */
  @SqlUpdate(
      "UPDATE hosts SET last_seen = :now, state = :state, threads = :threads,"
          + " rtt_millis = COALESCE(:rttMillis, rtt_millis) WHERE id = :id")
  int heartbeat(
      @Bind("id") long id,
      @Bind("state") String state,
      @Bind("threads") int threads,
      @Bind("rttMillis") Long rttMillis,
      @Bind("now") Instant now);

  /** Heartbeats kept by {@link HeartbeatBuffer}, written as one JDBC batch. */
  @SqlBatch(
      "UPDATE hosts SET last_seen = :at, state = :state, threads = :threads,"
          + " rtt_millis = COALESCE(:rttMillis, rtt_millis) WHERE id = :hostId")
  void heartbeats(@BindMethods Collection<HeartbeatBuffer.Beat> beats);

  /** Every host with its account's name, by id: one pass over hosts, accounts by primary key. */
  @SqlQuery(
      "SELECT h.id, h.name, h.platform, h.cores, h.memory_bytes, h.kernels, h.client_version,"
          + " a.name AS account_name, h.last_seen, h.rtt_millis, h.threads, h.total_credit,"
          + " h.expavg_credit, h.expavg_millis"
          + " FROM hosts h LEFT JOIN accounts a ON a.id = h.account_id ORDER BY h.id")
  List<HostRow> list();

  /** Hosts heard from at or after {@code since}, counted on the last_seen index. */
  @SqlQuery("SELECT COUNT(*) FROM hosts WHERE last_seen >= :since")
  long countSeenSince(@Bind("since") Instant since);

  @SqlQuery("SELECT COUNT(*) FROM hosts")
  long count();
}
