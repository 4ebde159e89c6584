package io.axon.core.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Writes files so that a crash or a full disk never leaves a half-written file under the final
 * name: write a temporary file beside it, then move it over the target.
 */
final class AtomicFiles {
  private static final Set<PosixFilePermission> OWNER_FILE =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final Set<PosixFilePermission> OWNER_DIR =
      EnumSet.of(
          PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE);

  private AtomicFiles() {}

  /** Replaces {@code target} with {@code bytes} in one step; readable by everyone. */
  static void write(Path target, byte[] bytes) throws IOException {
    write(target, bytes, false);
  }

  /**
   * Replaces {@code target} with {@code bytes} in one step. With {@code ownerOnly}, the file is
   * readable and writable by its owner only (where the file system has POSIX permissions) before
   * any content is written to it.
   */
  static void write(Path target, byte[] bytes, boolean ownerOnly) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      if (ownerOnly) {
        restrictToOwner(temp, OWNER_FILE);
      }
      Files.write(temp, bytes);
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Replaces {@code target} with {@code bytes} in one step, owner-only, and forces the bytes to the
   * device before the move and the move to the directory after it (where the platform allows), so
   * that even a power cut leaves the old file or the new one, not an empty one.
   */
  static void writeDurably(Path target, byte[] bytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      restrictToOwner(temp, OWNER_FILE);
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
    try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
      directory.force(true);
    } catch (IOException | RuntimeException e) {
      // Windows cannot open a directory as a channel; its moves are durable once they return
    }
  }

  /** Creates {@code dir} (and its parents) and makes it private to its owner where supported. */
  static Path privateDirectory(Path dir) throws IOException {
    Files.createDirectories(dir);
    restrictToOwner(dir, OWNER_DIR);
    return dir;
  }

  private static void restrictToOwner(Path path, Set<PosixFilePermission> permissions)
      throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
    if (view != null) {
      view.setPermissions(permissions);
    }
  }
}
