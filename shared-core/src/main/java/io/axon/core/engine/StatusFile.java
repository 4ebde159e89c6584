package io.axon.core.engine;

import com.squareup.moshi.JsonWriter;
import io.axon.core.eventlog.Event;
import io.axon.core.prefs.Decision;
import io.axon.core.protocol.WorkAssignment;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import okio.Buffer;

/**
 * {@value #FILE_NAME} in the data directory: what the engine is doing, for {@code axon volunteer
 * status} and anyone else who looks. Replaced atomically (a temporary file moved over it) every
 * second while the engine runs and once when it stops; an {@code updatedAt} older than 10 s in a
 * state other than STOPPED means the engine is gone. The field names are a contract with the
 * volunteer CLI: change them only together.
 */
final class StatusFile {
  /** The file's name inside the data directory. */
  static final String FILE_NAME = "status.json";

  /** At most this many recent events are listed. */
  static final int RECENT_EVENTS = 20;

  /** The engine's state as the status shows it. */
  enum State {
    RUNNING,
    SUSPENDED,
    IDLE,
    STOPPED
  }

  /** One status, as written. */
  record Snapshot(
      Instant updatedAt,
      long pid,
      String coordinator,
      State state,
      String reason,
      WorkAssignment unit,
      double progress,
      Decision decision,
      int threads,
      long memoryBytes,
      int completedUnits,
      List<Event> recentEvents) {}

  private final Path file;

  StatusFile(Path dataDir) {
    this.file = dataDir.resolve(FILE_NAME);
  }

  Path file() {
    return file;
  }

  void write(Snapshot status) throws IOException {
    AtomicFiles.write(file, toJson(status));
  }

  static byte[] toJson(Snapshot s) throws IOException {
    Buffer buffer = new Buffer();
    try (JsonWriter json = JsonWriter.of(buffer)) {
      json.setIndent("  ");
      json.setSerializeNulls(true);
      json.beginObject();
      json.name("updatedAt").value(instant(s.updatedAt()));
      json.name("pid").value(s.pid());
      json.name("coordinator").value(s.coordinator());
      json.name("state").value(s.state().name());
      json.name("reason").value(s.reason());
      json.name("unit");
      if (s.unit() == null) {
        json.nullValue();
      } else {
        json.beginObject();
        json.name("workUnitId").value(s.unit().workUnitId());
        json.name("jobName").value(s.unit().jobName());
        json.name("round").value(s.unit().round());
        json.name("progress").value(Math.round(s.progress() * 1000) / 1000.0);
        json.name("memoryBytes").value(s.memoryBytes());
        json.endObject();
      }
      Decision d = s.decision();
      json.name("limits");
      json.beginObject();
      json.name("profile").value(d.profile());
      json.name("maxThreads").value(d.maxThreads());
      json.name("threads").value(s.threads());
      json.name("cpuTimePercent").value(d.cpuTimePercent());
      json.name("maxMemoryBytes").value(d.maxMemoryBytes());
      json.name("transfersAllowed").value(d.transfersAllowed());
      json.name("transferReason").value(d.transfersAllowed() ? "" : d.transferReason());
      json.endObject();
      json.name("notes");
      json.beginArray();
      for (String note : d.notes()) {
        json.value(note);
      }
      json.endArray();
      json.name("completedUnits").value(s.completedUnits());
      json.name("recentEvents");
      json.beginArray();
      List<Event> events = s.recentEvents();
      for (Event event :
          events.subList(Math.max(0, events.size() - RECENT_EVENTS), events.size())) {
        json.beginObject();
        json.name("time").value(instant(event.time()));
        json.name("message").value(event.message());
        json.endObject();
      }
      json.endArray();
      json.endObject();
    }
    buffer.writeUtf8("\n");
    return buffer.readByteArray();
  }

  private static String instant(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /**
   * This process's id, or -1 if the platform does not tell. {@code ProcessHandle} (Java 9) is
   * looked up by reflection because Android 8 lacks it; there {@code /proc/self} names the process.
   */
  static long currentPid() {
    try {
      Class<?> handle = Class.forName("java.lang.ProcessHandle");
      Object current = handle.getMethod("current").invoke(null);
      Method pid = handle.getMethod("pid");
      return (Long) pid.invoke(current);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      try {
        return Long.parseLong(Files.readSymbolicLink(Paths.get("/proc/self")).toString());
      } catch (IOException | RuntimeException e2) {
        return -1;
      }
    }
  }
}
