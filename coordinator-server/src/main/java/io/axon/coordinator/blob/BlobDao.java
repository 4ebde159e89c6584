package io.axon.coordinator.blob;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code blobs} table: immutable bytes keyed by their SHA-256. */
public interface BlobDao {
  /** Inserts unless a blob of that name exists; either way the bytes are then stored. */
  @SqlUpdate(
      "INSERT INTO blobs (sha256, size_bytes, content, created_at)"
          + " VALUES (:sha256, :size, :content, :now) ON CONFLICT DO NOTHING")
  int insertIfAbsent(
      @Bind("sha256") String sha256,
      @Bind("size") long size,
      @Bind("content") byte[] content,
      @Bind("now") Instant now);

  @SqlQuery("SELECT content FROM blobs WHERE sha256 = :sha256")
  Optional<byte[]> content(@Bind("sha256") String sha256);

  @SqlQuery("SELECT size_bytes FROM blobs WHERE sha256 = :sha256")
  Optional<Long> size(@Bind("sha256") String sha256);

  @SqlQuery("SELECT COUNT(*) FROM blobs")
  long count();
}
