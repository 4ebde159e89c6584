package io.axon.core.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dataDir;

  @Test
  void theRingKeepsOnlyTheNewestEventsOldestFirst() {
    EventLog log = EventLog.inMemory(3, CLOCK);
    for (int i = 1; i <= 5; i++) {
      log.record("event " + i);
    }

    assertThat(log.recent())
        .extracting(Event::message)
        .containsExactly("event 3", "event 4", "event 5");
  }

  @Test
  void eventsCarryTheirTimeAndPrintAsOneLogLine() {
    Event event = EventLog.inMemory(1, CLOCK).record("suspended: on battery\nreally");

    assertThat(event.time()).isEqualTo(CLOCK.instant());
    assertThat(event.toString()).isEqualTo("2026-11-25T12:00:00Z suspended: on battery really");
  }

  @Test
  void theListForTheAppsIsASnapshot() {
    EventLog log = EventLog.inMemory(10, CLOCK);
    log.record("a");
    List<Event> snapshot = log.recent();
    log.record("b");

    assertThat(snapshot).hasSize(1);
  }

  @Test
  void writesEveryEventToTheLogFile() throws Exception {
    try (EventLog log = EventLog.open(dataDir, CLOCK)) {
      log.recordAll(List.of("suspended: on battery", "computing (computer not in use)"));
    }

    assertThat(Files.readAllLines(dataDir.resolve("logs/events.0.log"), StandardCharsets.UTF_8))
        .containsExactly(
            "2026-11-25T12:00:00Z suspended: on battery",
            "2026-11-25T12:00:00Z computing (computer not in use)");
  }

  @Test
  void rotatesTheFileBySizeAndKeepsAFixedNumberOfFiles() throws Exception {
    try (EventLog log = EventLog.open(dataDir, 10, 200, 3, CLOCK)) {
      for (int i = 0; i < 100; i++) {
        log.record(String.format("event %03d with some words to fill the line", i));
      }
    }

    List<Path> files;
    try (Stream<Path> list = Files.list(dataDir.resolve("logs"))) {
      files =
          list.filter(p -> p.getFileName().toString().endsWith(".log"))
              .sorted()
              .collect(Collectors.toList());
    }
    assertThat(files)
        .extracting(p -> p.getFileName().toString())
        .containsExactly("events.0.log", "events.1.log", "events.2.log");
    for (Path file : files) {
      assertThat(Files.size(file)).isLessThanOrEqualTo(200 + 80);
    }
    // Oldest file first, the lines are the newest events in order; the oldest were dropped.
    List<String> lines = new ArrayList<>();
    for (int i = files.size() - 1; i >= 0; i--) {
      lines.addAll(Files.readAllLines(files.get(i)));
    }
    int first = 100 - lines.size();
    assertThat(first).isPositive();
    for (int i = 0; i < lines.size(); i++) {
      assertThat(lines.get(i))
          .endsWith(String.format("event %03d with some words to fill the line", first + i));
    }
  }

  @Test
  void appendsToTheFileAfterARestart() throws Exception {
    try (EventLog log = EventLog.open(dataDir, CLOCK)) {
      log.record("first run");
    }
    try (EventLog log = EventLog.open(dataDir, CLOCK)) {
      log.record("second run");
    }

    assertThat(Files.readAllLines(dataDir.resolve("logs/events.0.log")))
        .extracting(line -> line.substring(line.indexOf(' ') + 1))
        .containsExactly("first run", "second run");
  }

  @Test
  void recordsFromManyThreadsWithoutLosingOrExceedingTheBound() throws Exception {
    EventLog log = EventLog.inMemory(1000, CLOCK);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      futures.add(
          pool.submit(
              () -> {
                for (int i = 0; i < 500; i++) {
                  log.record(thread + ":" + i);
                  log.recent();
                }
              }));
    }
    for (Future<?> f : futures) {
      f.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();

    List<Event> recent = log.recent();
    assertThat(recent).hasSize(1000);
    assertThat(recent.stream().map(Event::message).distinct().count()).isEqualTo(1000);
  }
}
