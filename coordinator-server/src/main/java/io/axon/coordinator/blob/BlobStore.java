package io.axon.coordinator.blob;

import io.axon.coordinator.db.Database;
import io.axon.core.common.Sha256;
import io.axon.core.protocol.BlobRef;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Shards and models, content-addressed by SHA-256 and kept in the database, so coordinators that
 * share one database also share their blobs.
 */
@Singleton
public final class BlobStore {
  /** Bytes per stored chunk. */
  static final int CHUNK_BYTES = 1024 * 1024;

  private final Jdbi jdbi;
  private final Clock clock;

  @Inject
  public BlobStore(Database database, Clock clock) {
    this.jdbi = database.jdbi();
    this.clock = clock;
  }

  /** Stores {@code bytes} within the transaction of {@code handle} and returns their name. */
  public BlobRef put(Handle handle, byte[] bytes) {
    String sha256 = Sha256.hex(bytes);
    BlobDao dao = handle.attach(BlobDao.class);
    if (dao.insertIfAbsent(sha256, bytes.length, clock.instant()) == 1) {
      for (int offset = 0, index = 0; offset < bytes.length || index == 0; index++) {
        int end = Math.min(bytes.length, offset + CHUNK_BYTES);
        dao.insertChunk(sha256, index, Arrays.copyOfRange(bytes, offset, end));
        offset = end;
      }
    }
    return new BlobRef(sha256, bytes.length);
  }

  public Optional<byte[]> get(String sha256) {
    return jdbi.inTransaction(
        h -> {
          BlobDao dao = h.attach(BlobDao.class);
          Optional<Long> size = dao.size(sha256);
          if (size.isEmpty()) {
            return Optional.empty();
          }
          byte[] bytes = new byte[Math.toIntExact(size.get())];
          int offset = 0;
          for (byte[] chunk : dao.chunks(sha256)) {
            System.arraycopy(chunk, 0, bytes, offset, chunk.length);
            offset += chunk.length;
          }
          if (offset != bytes.length) {
            throw new IllegalStateException(
                "blob " + sha256 + " has " + offset + " of its " + bytes.length + " bytes");
          }
          return Optional.of(bytes);
        });
  }

  /** The bytes of a blob that must exist, e.g. one a job row points to. */
  public byte[] require(String sha256) {
    return get(sha256).orElseThrow(() -> new IllegalStateException("blob missing: " + sha256));
  }

  public BlobRef ref(Handle handle, String sha256) {
    long size =
        handle
            .attach(BlobDao.class)
            .size(sha256)
            .orElseThrow(() -> new IllegalStateException("blob missing: " + sha256));
    return new BlobRef(sha256, size);
  }
}
