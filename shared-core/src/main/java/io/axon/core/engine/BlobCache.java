package io.axon.core.engine;

import io.axon.core.common.Sha256;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Models and shards by content hash, one file per blob named by its SHA-256. Every blob is verified
 * when it is stored and again when it is read back: a corrupt file is deleted and fetched again.
 * The least recently used blobs are deleted once the cache exceeds its size budget.
 */
final class BlobCache {
  private static final Logger log = LoggerFactory.getLogger(BlobCache.class);

  /** Where a missing blob comes from. */
  interface Source {
    byte[] fetch(String sha256) throws IOException;
  }

  private final Path dir;
  private final LongSupplier maxBytes;

  BlobCache(Path dir, long maxBytes) {
    this(dir, () -> maxBytes);
  }

  /** A cache whose budget is asked for each time it is trimmed (the volunteer may change it). */
  BlobCache(Path dir, LongSupplier maxBytes) {
    this.dir = dir;
    this.maxBytes = maxBytes;
  }

  Path dir() {
    return dir;
  }

  /** The blob named {@code sha256}, from the cache if it is there intact, else from source. */
  byte[] get(String sha256, Source source) throws IOException {
    if (!Sha256.isValid(sha256)) {
      throw new IllegalArgumentException("not a SHA-256: " + sha256);
    }
    Path file = dir.resolve(sha256);
    byte[] cached = readIntact(file, sha256);
    if (cached != null) {
      return cached;
    }
    byte[] fetched = source.fetch(sha256);
    String actual = Sha256.hex(fetched);
    if (!actual.equals(sha256)) {
      throw new BlobIntegrityException(sha256, actual);
    }
    AtomicFiles.write(file, fetched);
    trim(file);
    return fetched;
  }

  private static byte[] readIntact(Path file, String sha256) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    }
    if (!Sha256.hex(bytes).equals(sha256)) {
      log.warn("Cached blob {} is corrupt: deleting it and fetching it again", sha256);
      Files.deleteIfExists(file);
      return null;
    }
    // the modification time doubles as "last used" for trimming
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
    return bytes;
  }

  /** Deletes the least recently used blobs (never {@code keep}) until the cache fits its budget. */
  private void trim(Path keep) throws IOException {
    List<Path> blobs = new ArrayList<>();
    long total = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        if (Sha256.isValid(entry.getFileName().toString())) {
          blobs.add(entry);
          total += Files.size(entry);
        }
      }
    }
    long budget = maxBytes.getAsLong();
    if (total <= budget) {
      return;
    }
    blobs.sort(Comparator.comparing(BlobCache::lastUsed));
    for (Path blob : blobs) {
      if (total <= budget) {
        break;
      }
      if (!blob.equals(keep)) {
        long size = Files.size(blob);
        Files.deleteIfExists(blob);
        total -= size;
      }
    }
  }

  private static FileTime lastUsed(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  /** A downloaded blob whose bytes do not hash to its name. */
  static final class BlobIntegrityException extends IOException {
    private static final long serialVersionUID = 1L;

    BlobIntegrityException(String expected, String actual) {
      super("blob " + expected + " arrived with SHA-256 " + actual);
    }
  }
}
