package io.axon.core.prefs;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.axon.core.prefs.Preferences.NetworkLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the bytes transferred (up and down together) per local day, kept in {@value #FILE_NAME} in
 * the data directory, so that "at most X MB every Y days" holds across restarts. The period is
 * rolling: the last Y days including today (BOINC daily_xfer_limit_mb / daily_xfer_period_days).
 * Thread-safe.
 */
public final class TransferBudget {
  /** The file's name inside the data directory. */
  public static final String FILE_NAME = "transfers.json";

  private static final int KEEP_DAYS = 366;
  private static final JsonAdapter<Map<String, Long>> ADAPTER =
      new Moshi.Builder()
          .build()
          .<Map<String, Long>>adapter(
              Types.newParameterizedType(Map.class, String.class, Long.class))
          .indent("  ");

  private final Path file;
  private final Clock clock;
  private final TreeMap<LocalDate, Long> days = new TreeMap<>();

  private TransferBudget(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  /**
   * The counter of {@code dataDir}, with days in {@code clock}'s zone.
   *
   * @throws IOException if the counter file exists but cannot be read; it is not reset, so a
   *     damaged file never lifts the cap silently
   */
  public static TransferBudget open(Path dataDir, Clock clock) throws IOException {
    TransferBudget budget = new TransferBudget(dataDir.resolve(FILE_NAME), clock);
    budget.load();
    return budget;
  }

  /** Where the counter lives. */
  public Path file() {
    return file;
  }

  /** Adds {@code bytes} transferred now and saves the counter. */
  public synchronized void record(long bytes) throws IOException {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must not be negative, got " + bytes);
    }
    LocalDate today = LocalDate.now(clock);
    days.merge(today, bytes, Long::sum);
    days.headMap(today.minusDays(KEEP_DAYS)).clear();
    save();
  }

  /** Bytes transferred in the rolling period of {@code limits}, today included. */
  public synchronized long used(NetworkLimits limits) {
    LocalDate today = LocalDate.now(clock);
    long sum = 0;
    for (long bytes :
        days.subMap(today.minusDays(limits.periodDays() - 1L), true, today, true).values()) {
      sum += bytes;
    }
    return sum;
  }

  /** Bytes still allowed in the current period; {@link Long#MAX_VALUE} without a cap. */
  public synchronized long remaining(NetworkLimits limits) {
    if (!limits.limitsVolume()) {
      return Long.MAX_VALUE;
    }
    return Math.max(0, limits.maxBytes() - used(limits));
  }

  /** True if the cap is set and used up; transfers must wait, computing goes on. */
  public boolean exhausted(NetworkLimits limits) {
    return remaining(limits) == 0;
  }

  private void load() throws IOException {
    String json;
    try {
      json = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return;
    }
    try {
      Map<String, Long> saved = ADAPTER.fromJson(json);
      if (saved == null) {
        throw new IOException("unreadable transfer counter " + file + ": null");
      }
      for (Map.Entry<String, Long> e : saved.entrySet()) {
        if (e.getValue() == null || e.getValue() < 0) {
          throw new IOException(
              "unreadable transfer counter " + file + ": bad byte count for " + e.getKey());
        }
        days.put(LocalDate.parse(e.getKey()), e.getValue());
      }
    } catch (JsonDataException | DateTimeParseException e) {
      throw new IOException("unreadable transfer counter " + file + ": " + e.getMessage(), e);
    }
  }

  private void save() throws IOException {
    Map<String, Long> out = new TreeMap<>();
    for (Map.Entry<LocalDate, Long> e : days.entrySet()) {
      out.put(e.getKey().toString(), e.getValue());
    }
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "." + FILE_NAME, ".tmp");
    try {
      Files.write(temp, ADAPTER.toJson(out).getBytes(StandardCharsets.UTF_8));
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
