package io.axon.core.engine;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongSupplier;

/**
 * The volunteer's data directory, private to its owner and locked while an engine runs in it, so
 * that two volunteers never share one identity or one set of unsent results:
 *
 * <pre>
 *   host.properties   host id and token ({@link IdentityStore})
 *   blobs/            models and shards by SHA-256 ({@link BlobCache})
 *   pending/          trained results not yet uploaded ({@link PendingResults})
 *   checkpoints/      units in training and their saved progress ({@link CheckpointStore})
 *   preferences.json  the volunteer's preferences ({@link io.axon.core.prefs.PreferencesStore})
 *   transfers.json    bytes transferred per day ({@link io.axon.core.prefs.TransferBudget})
 *   logs/             the event log ({@link io.axon.core.eventlog.EventLog})
 *   status.json       what the engine is doing, rewritten every second ({@link StatusFile})
 *   speed.txt         the host's measured flops per second ({@link SpeedStore})
 * </pre>
 */
final class DataDirectory implements AutoCloseable {
  /** The blob cache's size budget. */
  static final long BLOB_CACHE_BYTES = 512L * 1024 * 1024;

  private final Path root;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private DataDirectory(Path root, FileChannel lockChannel, FileLock lock) {
    this.root = root;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /** Creates the directory if needed and locks it; fails if another engine holds it. */
  static DataDirectory open(Path root) throws IOException {
    FileChannel channel;
    try {
      AtomicFiles.privateDirectory(root);
      AtomicFiles.privateDirectory(root.resolve("blobs"));
      AtomicFiles.privateDirectory(root.resolve("pending"));
      AtomicFiles.privateDirectory(root.resolve("checkpoints"));
      channel =
          FileChannel.open(
              root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new IOException("cannot use data directory " + root + ": " + e, e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      throw new IOException(
          "data directory " + root + " is in use by another volunteer; give each its own");
    }
    return new DataDirectory(root, channel, lock);
  }

  Path root() {
    return root;
  }

  IdentityStore identity() {
    return new IdentityStore(root);
  }

  BlobCache blobs() {
    return new BlobCache(root.resolve("blobs"), BLOB_CACHE_BYTES);
  }

  /** The blob cache, trimmed to {@code maxBytes} as it is at each trim. */
  BlobCache blobs(LongSupplier maxBytes) {
    return new BlobCache(root.resolve("blobs"), maxBytes);
  }

  PendingResults pending() {
    return new PendingResults(root.resolve("pending"));
  }

  CheckpointStore checkpoints() {
    return new CheckpointStore(root.resolve("checkpoints"));
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      lockChannel.close();
    }
  }
}
