package io.axon.core.eventlog;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Every state change of the volunteer engine with its reason: kept in a bounded in-memory ring that
 * the apps show, and appended to rotating files in {@code logs/} of the data directory: {@code
 * events.0.log} is written to, and when it reaches its size limit it becomes {@code events.1.log}
 * and so on; the oldest beyond the file count is dropped. Rotation is java.util.logging's {@link
 * FileHandler} (size limit, file count), which also exists on Android. Thread-safe.
 */
public final class EventLog implements Closeable {
  /** The folder inside the data directory that holds the log files. */
  public static final String FOLDER = "logs";

  /** The default ring size, file size limit and file count. */
  public static final int DEFAULT_CAPACITY = 500;

  public static final int DEFAULT_MAX_FILE_BYTES = 1_000_000;
  public static final int DEFAULT_FILES = 5;

  private final int capacity;
  private final Clock clock;
  private final FileHandler file;
  private final ArrayDeque<Event> ring;

  private EventLog(int capacity, Clock clock, FileHandler file) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
    this.clock = clock;
    this.file = file;
    this.ring = new ArrayDeque<>(capacity);
  }

  /** A log that keeps the last {@code capacity} events in memory only. */
  public static EventLog inMemory(int capacity, Clock clock) {
    return new EventLog(capacity, clock, null);
  }

  /** A log in {@code dataDir/logs} with the default sizes. */
  public static EventLog open(Path dataDir, Clock clock) throws IOException {
    return open(dataDir, DEFAULT_CAPACITY, DEFAULT_MAX_FILE_BYTES, DEFAULT_FILES, clock);
  }

  /**
   * A log that keeps the last {@code capacity} events in memory and appends every event to {@code
   * dataDir/logs/events.0.log}; when that file would grow past {@code maxFileBytes} it becomes
   * {@code events.1.log} and so on, keeping {@code files} files.
   */
  public static EventLog open(Path dataDir, int capacity, int maxFileBytes, int files, Clock clock)
      throws IOException {
    if (maxFileBytes < 1 || files < 1) {
      throw new IllegalArgumentException(
          "maxFileBytes and files must be at least 1, got " + maxFileBytes + " and " + files);
    }
    Path dir = Files.createDirectories(dataDir.resolve(FOLDER));
    // FileHandler patterns give '%' a meaning; a literal one is written '%%'.
    String pattern = dir.toAbsolutePath().toString().replace("%", "%%") + "/events.%g.log";
    FileHandler handler = new FileHandler(pattern, maxFileBytes, files, true);
    handler.setEncoding("UTF-8");
    handler.setFormatter(new LineFormatter());
    handler.setLevel(Level.ALL);
    return new EventLog(capacity, clock, handler);
  }

  /** Records {@code message} now and returns the event. */
  public Event record(String message) {
    if (message == null) {
      throw new IllegalArgumentException("an event needs a message");
    }
    // One event, one line in the file.
    Event event = new Event(clock.instant(), message.replace('\n', ' '));
    synchronized (ring) {
      if (ring.size() == capacity) {
        ring.removeFirst();
      }
      ring.addLast(event);
    }
    if (file != null) {
      file.publish(new LogRecord(Level.INFO, event.toString()));
      file.flush();
    }
    return event;
  }

  /** Records each message in order. */
  public void recordAll(List<String> messages) {
    for (String message : messages) {
      record(message);
    }
  }

  /** The events still in the ring, oldest first. */
  public List<Event> recent() {
    synchronized (ring) {
      return List.copyOf(new ArrayList<>(ring));
    }
  }

  /** Closes the log file; the ring stays readable. */
  @Override
  public void close() {
    if (file != null) {
      file.close();
    }
  }

  /** The event's line as is: its time and message are already in it. */
  private static final class LineFormatter extends Formatter {
    @Override
    public String format(LogRecord record) {
      return record.getMessage() + "\n";
    }
  }
}
