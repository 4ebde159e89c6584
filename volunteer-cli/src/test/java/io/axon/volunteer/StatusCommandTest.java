package io.axon.volunteer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusCommandTest {
  /** updatedAt of status/suspended.json. */
  private static final Instant WRITTEN = Instant.parse("2026-11-25T19:40:00Z");

  @TempDir Path dataDir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int statusAt(Instant now, String... options) {
    String[] args = new String[options.length + 3];
    args[0] = "status";
    args[1] = "--data-dir";
    args[2] = dataDir.toString();
    System.arraycopy(options, 0, args, 3, options.length);
    return VolunteerMain.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        Clock.fixed(now, ZoneOffset.UTC));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private String install(String fixture) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/status/" + fixture)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Files.writeString(dataDir.resolve("status.json"), text);
      return text;
    }
  }

  @Test
  void printsTheStateItsReasonTheUnitTheLimitsAndTheEventsOfARunningEngine() throws Exception {
    install("suspended.json");

    int code = statusAt(WRITTEN.plusSeconds(2));

    assertThat(code).as(err()).isZero();
    assertThat(out().split("\n"))
        .containsExactly(
            "state:       SUSPENDED",
            "why:         suspended: on battery",
            "coordinator: http://coordinator.example:8080",
            "unit:        unit 17 (lr-demo, round 3): 42 %, needs 25 MB",
            "limits:      profile \"in use\", 0 of at most 2 threads, cpu time 75 %,"
                + " memory at most 8,000 MB",
            "transfers:   not allowed (transfers paused: 500 MB used of 500 MB in the last 7 days)",
            "note:        idle time unknown: DISPLAY is not set",
            "completed:   5 units",
            "updated:     2026-11-25T19:40:00Z (2 s ago)",
            "recent events:",
            "  2026-11-25T19:30:12Z running",
            "  2026-11-25T19:39:58Z suspended: on battery");
  }

  @Test
  void aStatusOlderThanTenSecondsSaysTheEngineIsNotRunningAndShowsTheLastOne() throws Exception {
    install("suspended.json");

    int code = statusAt(WRITTEN.plusSeconds(5 * 60));

    assertThat(code).isEqualTo(3);
    assertThat(out())
        .startsWith(
            "not running: the engine (pid 12345) stopped reporting 5 min ago without saying it"
                + " stopped; it crashed or was killed. Last known status:\n")
        .contains("state:       SUSPENDED\n")
        .contains("unit:        unit 17 (lr-demo, round 3): 42 %, needs 25 MB\n");
  }

  @Test
  void tenSecondsOldIsStillRunning() throws Exception {
    install("suspended.json");

    assertThat(statusAt(WRITTEN.plusSeconds(10))).isZero();
    assertThat(out()).doesNotContain("not running");
  }

  @Test
  void anEngineThatStoppedIsNotRunningButWasNotCrashed() throws Exception {
    install("stopped.json");

    int code = statusAt(WRITTEN);

    assertThat(code).isEqualTo(3);
    assertThat(out())
        .startsWith("state:       STOPPED\nwhy:         stopped on request\n")
        .contains("unit:        none\n")
        .contains("transfers:   allowed\n")
        .contains("completed:   1 unit\n")
        .contains("updated:     2026-11-25T18:02:41Z (97 min ago)\n")
        .doesNotContain("crashed")
        .doesNotContain("note:");
  }

  @Test
  void withoutAStatusFileSaysNotRunningAndExits3() {
    int code = statusAt(WRITTEN);

    assertThat(code).isEqualTo(3);
    assertThat(out()).isEqualTo("not running (no status in " + dataDir + ")\n");
  }

  @Test
  void jsonWithoutAStatusFileKeepsStdoutFreeOfProseAndExits3() {
    assertThat(statusAt(WRITTEN, "--json")).isEqualTo(3);
    assertThat(out()).isEmpty();
    assertThat(err()).isEqualTo("not running (no status in " + dataDir + ")\n");
  }

  @Test
  void jsonPrintsTheFileAsTheEngineWroteIt() throws Exception {
    String text = install("suspended.json");

    int code = statusAt(WRITTEN.plusSeconds(1), "--json");

    assertThat(code).isZero();
    assertThat(out()).isEqualTo(text);
  }

  @Test
  void jsonOfAStaleStatusStillExits3() throws Exception {
    String text = install("suspended.json");

    assertThat(statusAt(WRITTEN.plusSeconds(60), "--json")).isEqualTo(3);
    assertThat(out()).isEqualTo(text);
  }

  @Test
  void aDamagedStatusFileExits1AndSaysWhatIsWrongWhere() throws Exception {
    Files.writeString(dataDir.resolve("status.json"), "{\"updatedAt\": \"yesterday\"}");

    int code = statusAt(WRITTEN);

    assertThat(code).isEqualTo(1);
    assertThat(err())
        .contains("cannot read " + dataDir.resolve("status.json"))
        .contains("expected an ISO-8601 instant")
        .contains("$.updatedAt");
    assertThat(out()).isEmpty();
  }

  @Test
  void needsNoCoordinatorAndRejectsUnknownOptionsWithExit2() {
    assertThat(statusAt(WRITTEN, "--bogus")).isEqualTo(2);
    assertThat(err())
        .contains("Unknown option: '--bogus'")
        .contains("Try 'axon volunteer status --help'")
        .doesNotContain("--coordinator");
  }
}
