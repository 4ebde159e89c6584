package io.axon.core.prefs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.core.prefs.Decision.Cause;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionTest {
  private final FakeClock clock =
      new FakeClock(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void theFirstDecisionLogsTheWholeState() {
    ComputePolicy policy = new ComputePolicy(Preferences.defaults(), clock, null);

    assertThat(policy.decide(Machine.quiet().read()).changesSince(null))
        .containsExactly(
            "computing (computer not in use)",
            "transfers allowed",
            "profile: computer not in use",
            "limits: at most 8 training threads at 100 % CPU time");
  }

  @Test
  void onlyChangesAreLoggedAndChangingNumbersUnderTheSameCauseAreNot() {
    ComputePolicy policy =
        new ComputePolicy(
            PreferenceOverrides.apply(
                Preferences.defaults(),
                Map.of("loadGraceSeconds", "0", "notInUse.suspendAboveOtherCpuPercent", "50")),
            clock,
            null);
    List<Decision> decisions =
        new ScriptedMonitor(clock)
            .hold(Machine.quiet(), 2)
            .hold(Machine.quiet().otherLoad(0.8), 3)
            .hold(Machine.quiet().onBattery(90).otherLoad(0.8), 1)
            .play(policy);

    assertThat(decisions.get(1).changesSince(decisions.get(0))).isEmpty();
    assertThat(decisions.get(2).changesSince(decisions.get(1)))
        .containsExactly("suspended: other programs use 80 % CPU for 0 s (limit 50 %)");
    assertThat(decisions.get(4).changesSince(decisions.get(3))).isEmpty();
    assertThat(decisions.get(5).changesSince(decisions.get(4)))
        .containsExactly("suspended: on battery");
  }

  @Test
  void aNewNoteIsLoggedOnce() {
    ComputePolicy policy = new ComputePolicy(Preferences.defaults(), clock, null);
    Decision known = policy.decide(Machine.quiet().read());
    Decision unknown = policy.decide(Machine.quiet().idleUnknown("no display").read());
    Decision again = policy.decide(Machine.quiet().idleUnknown("no display").read());

    assertThat(unknown.changesSince(known))
        .contains(
            "profile: computer in use", "idle time unknown: no display; the in-use limits apply");
    assertThat(again.changesSince(unknown)).isEmpty();
  }

  @Test
  void aSuspensionWithoutACauseIsRejected() {
    assertThatThrownBy(
            () ->
                new Decision(
                    clock.instant(),
                    false,
                    Cause.NONE,
                    "?",
                    true,
                    Cause.NONE,
                    "ok",
                    false,
                    1,
                    Map.of(),
                    100,
                    -1,
                    List.of()))
        .hasMessage("a suspension needs a cause, and only a suspension");
  }

  @Test
  void theDutyCycleTurnsComputingTimeIntoRest() {
    Decision threeQuarters =
        new ComputePolicy(
                PreferenceOverrides.apply(
                    Preferences.defaults(), Map.of("notInUse.cpuTimePercent", "75")),
                clock,
                null)
            .decide(Machine.quiet().read());
    Decision full =
        new ComputePolicy(Preferences.defaults(), clock, null).decide(Machine.quiet().read());

    assertThat(threeQuarters.restAfter(Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(1));
    assertThat(threeQuarters.restAfter(Duration.ofMillis(300))).isEqualTo(Duration.ofMillis(100));
    assertThat(full.restAfter(Duration.ofSeconds(3))).isZero();
  }
}
