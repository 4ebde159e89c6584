package io.axon.core.monitor.idle;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.core.monitor.UserIdle;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** loginctl's answers as systemd 252 prints them, played back to the detector. */
class LogindIdleDetectorTest {
  private static final Instant NOW = Instant.parse("2026-11-25T19:00:00Z");
  private static final long NOW_MICROS = NOW.toEpochMilli() * 1000;

  private final List<List<String>> commands = new ArrayList<>();
  private Instant now = NOW;

  @Test
  void aTerminalSessionIsIdleSinceItsLastKeystroke() {
    UserIdle idle =
        detect(
            "      3 1000 alice        pts/0\n",
            session("3", "user", "tty", "no", NOW_MICROS - 90_000_000L));

    assertThat(idle.sinceLastInput()).isEqualTo(Duration.ofSeconds(90));
    assertThat(idle.method()).isEqualTo(LogindIdleDetector.METHOD);
    assertThat(commands.get(1))
        .startsWith("loginctl", "show-session", "3")
        .contains("IdleHint", "IdleSinceHint");
  }

  @Test
  void aGraphicalSessionWithoutTheIdleHintIsInUse() {
    UserIdle idle = detect("2 1000 alice seat0 tty2\n", session("2", "user", "x11", "no", 0));

    assertThat(idle.sinceLastInput()).isZero();
  }

  @Test
  void aGraphicalSessionWithTheIdleHintIsIdleAtLeastSinceTheHint() {
    UserIdle idle =
        detect(
            "2 1000 alice seat0 tty2\n",
            session("2", "user", "wayland", "yes", NOW_MICROS - 600_000_000L));

    assertThat(idle.sinceLastInput()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void theMostRecentlyUsedSessionDecides() {
    UserIdle idle =
        detect(
            "2 1000 alice seat0 tty2\n5 1001 bob pts/1\n",
            session("2", "user", "x11", "yes", NOW_MICROS - 600_000_000L)
                + "\n"
                + session("5", "user", "tty", "no", NOW_MICROS - 30_000_000L));

    assertThat(idle.sinceLastInput()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void greetersManagersAndSessionsWithoutATerminalAreIgnored() {
    UserIdle idle =
        detect(
            "1 120 gdm seat0 tty1\n4 1000 alice\n6 1000 alice\n7 1000 alice pts/2\n",
            session("1", "greeter", "wayland", "no", 0)
                + "\n"
                + session("4", "manager", "unspecified", "no", 0)
                + "\n"
                + session("6", "user", "unspecified", "no", 0)
                + "\n"
                + session("7", "user", "tty", "no", NOW_MICROS - 5_000_000L));

    assertThat(idle.sinceLastInput()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void aSessionWithoutAnIdleTimeMakesTheAnswerUnknown() {
    UserIdle idle =
        detect(
            "3 1000 alice pts/0\n5 1001 bob pts/1\n",
            session("3", "user", "tty", "no", NOW_MICROS - 90_000_000L)
                + "\n"
                + session("5", "user", "tty", "no", 0));

    assertThat(idle.isKnown()).isFalse();
    assertThat(idle.method()).isEqualTo("logind: session 5 has no idle hint");
  }

  @Test
  void nobodyLoggedInCountsAsIdleSinceTheDetectorFirstSawNoSession() {
    LogindIdleDetector detector = detector("", "");

    UserIdle first = detector.detect();
    now = now.plusSeconds(200);
    UserIdle later = detector.detect();

    assertThat(first.sinceLastInput()).isZero();
    assertThat(later.sinceLastInput()).isEqualTo(Duration.ofSeconds(200));
    assertThat(later.method()).contains("nobody logged in");
  }

  @Test
  void aFailingLoginctlGivesUnknownWithItsMessage() {
    LogindIdleDetector detector =
        new LogindIdleDetector(
            command -> {
              throw new IOException("loginctl list-sessions exited 1: System has not been booted");
            },
            Clock.fixed(NOW, ZoneOffset.UTC));

    UserIdle idle = detector.detect();

    assertThat(idle.isKnown()).isFalse();
    assertThat(idle.method())
        .isEqualTo("logind: loginctl list-sessions exited 1: System has not been booted");
  }

  private UserIdle detect(String sessions, String properties) {
    return detector(sessions, properties).detect();
  }

  private LogindIdleDetector detector(String sessions, String properties) {
    return new LogindIdleDetector(
        command -> {
          commands.add(command);
          return command.get(1).equals("list-sessions") ? sessions : properties;
        },
        new Clock() {
          @Override
          public Instant instant() {
            return now;
          }

          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }
        });
  }

  private static String session(
      String id, String sessionClass, String type, String idleHint, long idleSinceMicros) {
    return "Id="
        + id
        + "\nClass="
        + sessionClass
        + "\nType="
        + type
        + "\nIdleHint="
        + idleHint
        + "\nIdleSinceHint="
        + idleSinceMicros
        + "\n";
  }
}
