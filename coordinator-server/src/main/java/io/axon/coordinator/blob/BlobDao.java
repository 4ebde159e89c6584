package io.axon.coordinator.blob;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code blobs} and {@code blob_chunks} tables: immutable bytes keyed by their SHA-256. */
public interface BlobDao {
  /** 1 if the blob is new (its chunks must follow in the same transaction), 0 if it exists. */
  @SqlUpdate(
      "INSERT INTO blobs (sha256, size_bytes, created_at) VALUES (:sha256, :size, :now)"
          + " ON CONFLICT DO NOTHING")
  int insertIfAbsent(
      @Bind("sha256") String sha256, @Bind("size") long size, @Bind("now") Instant now);

  @SqlUpdate(
      "INSERT INTO blob_chunks (sha256, chunk_index, content) VALUES (:sha256, :index, :content)")
  void insertChunk(
      @Bind("sha256") String sha256, @Bind("index") int index, @Bind("content") byte[] content);

  @SqlQuery("SELECT content FROM blob_chunks WHERE sha256 = :sha256 ORDER BY chunk_index")
  List<byte[]> chunks(@Bind("sha256") String sha256);

  @SqlQuery("SELECT size_bytes FROM blobs WHERE sha256 = :sha256")
  Optional<Long> size(@Bind("sha256") String sha256);

  @SqlQuery("SELECT COUNT(*) FROM blobs")
  long count();
}
