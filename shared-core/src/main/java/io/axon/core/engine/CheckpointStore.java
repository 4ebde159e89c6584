package io.axon.core.engine;

import io.axon.core.protocol.ProtocolJson;
import io.axon.core.protocol.WorkAssignment;
import io.axon.core.training.CheckpointException;
import io.axon.core.training.TrainingCheckpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Units in training and their latest checkpoints, one folder per work unit: {@code
 * checkpoints/<workUnitId>/assignment.json} (the assignment as the coordinator sent it, written
 * when training starts) and {@code progress.axck} (the latest {@link TrainingCheckpoint}, replaced
 * atomically and durably). A unit with an assignment but no usable progress is trained again from
 * the start; a folder without a readable assignment is removed.
 */
final class CheckpointStore {
  private static final Logger log = LoggerFactory.getLogger(CheckpointStore.class);
  static final String ASSIGNMENT = "assignment.json";
  static final String PROGRESS = "progress.axck";

  private final Path dir;

  CheckpointStore(Path dir) {
    this.dir = dir;
  }

  Path dir() {
    return dir;
  }

  /** Records that training of {@code unit} starts, so that a restart can take it up again. */
  void begin(WorkAssignment unit) throws IOException {
    AtomicFiles.privateDirectory(unitDir(unit.workUnitId()));
    AtomicFiles.writeDurably(
        unitDir(unit.workUnitId()).resolve(ASSIGNMENT),
        ProtocolJson.toJson(unit).getBytes(StandardCharsets.UTF_8));
  }

  /** Replaces the unit's saved progress with {@code checkpoint}. */
  void save(long workUnitId, TrainingCheckpoint checkpoint) throws IOException {
    AtomicFiles.writeDurably(unitDir(workUnitId).resolve(PROGRESS), checkpoint.encode());
  }

  /** The units taken up but not finished, oldest first; unreadable folders are removed. */
  List<WorkAssignment> units() throws IOException {
    List<WorkAssignment> units = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return units;
    }
    List<Path> unreadable = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        if (!Files.isDirectory(entry)) {
          continue;
        }
        WorkAssignment unit = readAssignment(entry);
        if (unit == null) {
          unreadable.add(entry);
        } else {
          units.add(unit);
        }
      }
    }
    for (Path entry : unreadable) {
      deleteFolder(entry);
    }
    units.sort(Comparator.comparingLong(WorkAssignment::workUnitId));
    return units;
  }

  /**
   * The unit's latest checkpoint, or null if there is none or it is damaged (then it is deleted and
   * the unit will be trained from the start).
   */
  TrainingCheckpoint progress(long workUnitId) throws IOException {
    Path file = unitDir(workUnitId).resolve(PROGRESS);
    try {
      return TrainingCheckpoint.decode(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return null;
    } catch (CheckpointException e) {
      discardProgress(workUnitId, e.getMessage());
      return null;
    }
  }

  /** Deletes the unit's saved progress (not the unit), saying why in the log. */
  void discardProgress(long workUnitId, String why) throws IOException {
    log.warn(
        "Discarding the checkpoint of work unit {}, it will be trained from the start: {}",
        workUnitId,
        why);
    Files.deleteIfExists(unitDir(workUnitId).resolve(PROGRESS));
  }

  /** Forgets the unit: its result is saved, or it cannot or need not be trained any more. */
  void remove(long workUnitId) throws IOException {
    deleteFolder(unitDir(workUnitId));
  }

  private Path unitDir(long workUnitId) {
    return dir.resolve(Long.toString(workUnitId));
  }

  private static WorkAssignment readAssignment(Path folder) throws IOException {
    Path file = folder.resolve(ASSIGNMENT);
    try {
      WorkAssignment unit =
          ProtocolJson.fromJson(
              new String(Files.readAllBytes(file), StandardCharsets.UTF_8), WorkAssignment.class);
      if (!folder.getFileName().toString().equals(Long.toString(unit.workUnitId()))) {
        throw new IllegalArgumentException("it is the assignment of unit " + unit.workUnitId());
      }
      return unit;
    } catch (NoSuchFileException e) {
      log.warn("Removing {}: it has no {}", folder, ASSIGNMENT);
      return null;
    } catch (IllegalArgumentException e) {
      log.warn("Removing {}: its {} is unreadable: {}", folder, ASSIGNMENT, e.getMessage());
      return null;
    }
  }

  /** Deletes a unit folder and the files in it (temporary files of an interrupted write too). */
  private static void deleteFolder(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
      for (Path file : files) {
        Files.deleteIfExists(file);
      }
    }
    Files.deleteIfExists(folder);
  }
}
