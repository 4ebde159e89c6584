package io.axon.coordinator.blob;

import io.axon.coordinator.db.Database;
import io.axon.core.common.Sha256;
import io.axon.core.protocol.BlobRef;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Shards and models, content-addressed by SHA-256 and kept in the database, so coordinators that
 * share one database also share their blobs.
 */
@Singleton
public final class BlobStore {
  /**
   * Bytes per stored chunk, so that a chunk's row stays far below 1 MiB. H2 2.x (2.3 and 2.5) keeps
   * a page over 1 MiB as a "large" page and reads its length from the file even while the chunk
   * that holds the page is still in memory, being written by the MVStore's background thread: the
   * read runs past the end of the file ("Reading from file … failed", EOFException), and later
   * transactions may fail too. A 1 MiB chunk plus its key made every row such a page (see
   * LargeBlobsOnH2FileTest).
   */
  static final int CHUNK_BYTES = 256 * 1024;

  /** How long a writer waits for another transaction that stores the same blob. */
  private static final Duration MAX_WAIT = Duration.ofSeconds(60);

  /** H2's SQLSTATEs of a row lock that was not granted in time. */
  private static final String LOCK_TIMEOUT = "HYT00";

  private static final String CONCURRENT_UPDATE = "90131";

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
    if (insertIfAbsent(dao, sha256, bytes.length) == 1) {
      for (int offset = 0, index = 0; offset < bytes.length || index == 0; index++) {
        int end = Math.min(bytes.length, offset + CHUNK_BYTES);
        dao.insertChunk(sha256, index, Arrays.copyOfRange(bytes, offset, end));
        offset = end;
      }
    }
    return new BlobRef(sha256, bytes.length);
  }

  /**
   * Another transaction storing the same blob holds its row until it ends. PostgreSQL waits for it;
   * H2 waits only its lock timeout (2 s) and then fails the statement (SQLSTATE HYT00, caused by
   * "Concurrent update in table blobs", 90131), keeping the transaction. A job submission storing
   * many shards in one transaction holds the row longer than that, so wait on: once the other
   * transaction commits the blob exists, and if it rolls back this one stores it.
   */
  private int insertIfAbsent(BlobDao dao, String sha256, long size) {
    long giveUp = System.nanoTime() + MAX_WAIT.toNanos();
    while (true) {
      try {
        return dao.insertIfAbsent(sha256, size, clock.instant());
      } catch (JdbiException e) {
        if (!isLockWait(e) || System.nanoTime() > giveUp) {
          throw e;
        }
      }
    }
  }

  private static boolean isLockWait(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql
          && (LOCK_TIMEOUT.equals(sql.getSQLState())
              || CONCURRENT_UPDATE.equals(sql.getSQLState()))) {
        return true;
      }
    }
    return false;
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
