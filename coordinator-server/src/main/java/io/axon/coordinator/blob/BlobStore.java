package io.axon.coordinator.blob;

import io.axon.coordinator.db.Database;
import io.axon.core.common.Sha256;
import io.axon.core.protocol.BlobRef;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Shards and models, content-addressed by SHA-256 and kept in the database, so coordinators that
 * share one database also share their blobs.
 */
@Singleton
public final class BlobStore {
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
    handle.attach(BlobDao.class).insertIfAbsent(sha256, bytes.length, bytes, clock.instant());
    return new BlobRef(sha256, bytes.length);
  }

  public Optional<byte[]> get(String sha256) {
    return jdbi.onDemand(BlobDao.class).content(sha256);
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
