package io.axon.coordinator.host;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code hosts} table: registered volunteers and the SHA-256 of their tokens. */
public interface HostDao {
  @SqlUpdate(
      "INSERT INTO hosts (name, platform, cores, memory_bytes, client_version, token_sha256,"
          + " state, threads, created_at, last_seen)"
          + " VALUES (:name, :platform, :cores, :memoryBytes, :clientVersion, :tokenSha256,"
          + " 'IDLE', 0, :now, :now)")
  @GetGeneratedKeys("id")
  long insert(
      @Bind("name") String name,
      @Bind("platform") String platform,
      @Bind("cores") int cores,
      @Bind("memoryBytes") long memoryBytes,
      @Bind("clientVersion") String clientVersion,
      @Bind("tokenSha256") String tokenSha256,
      @Bind("now") Instant now);

  @SqlQuery("SELECT id FROM hosts WHERE token_sha256 = :tokenSha256")
  Optional<Long> findIdByTokenSha256(@Bind("tokenSha256") String tokenSha256);

  @SqlUpdate("UPDATE hosts SET last_seen = :now, state = :state, threads = :threads WHERE id = :id")
  int heartbeat(
      @Bind("id") long id,
      @Bind("state") String state,
      @Bind("threads") int threads,
      @Bind("now") Instant now);

  @SqlQuery("SELECT COUNT(*) FROM hosts")
  long count();
}
