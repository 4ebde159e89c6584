package io.axon.core.prefs;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.core.prefs.Decision.Cause;
import io.axon.core.prefs.Preferences.RunMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComputePolicyTest {
  /** A Wednesday. */
  private static final Instant WEDNESDAY_NOON = Instant.parse("2026-11-25T12:00:00Z");

  private final FakeClock clock = new FakeClock(WEDNESDAY_NOON, ZoneOffset.UTC);

  @TempDir Path dataDir;

  private static Preferences prefs(String... pairs) {
    return PreferenceOverrides.apply(
        Preferences.defaults(), PreferenceOverrides.parseArguments(List.of(pairs)));
  }

  private Decision decide(Preferences preferences, Machine machine) {
    return new ComputePolicy(preferences, clock, null).decide(machine.read());
  }

  private static List<Boolean> computing(List<Decision> decisions) {
    return decisions.stream().map(Decision::computeAllowed).collect(Collectors.toList());
  }

  private static int firstChange(List<Decision> decisions, int from) {
    for (int i = from + 1; i < decisions.size(); i++) {
      if (decisions.get(i).computeAllowed() != decisions.get(from).computeAllowed()) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void suspendsOnBatteryAndResumesOnMainsPower() {
    ComputePolicy policy = new ComputePolicy(Preferences.defaults(), clock, null);
    List<Decision> decisions =
        new ScriptedMonitor(clock)
            .hold(Machine.quiet().charging(95), 3)
            .hold(Machine.quiet().onBattery(95), 3)
            .hold(Machine.quiet().charging(95), 3)
            .play(policy);

    assertThat(computing(decisions))
        .containsExactly(true, true, true, false, false, false, true, true, true);
    assertThat(decisions.get(3).computeReason()).isEqualTo("suspended: on battery");
    assertThat(decisions.get(3).computeCause()).isEqualTo(Cause.ON_BATTERY);
  }

  @Test
  void computesOnBatteryWhenTheVolunteerAllowsIt() {
    Decision decision = decide(prefs("suspendOnBattery=false"), Machine.quiet().onBattery(80));

    assertThat(decision.computeAllowed()).isTrue();
  }

  @Test
  void suspendsWhileTheBatteryIsBelowTheMinimumCharge() {
    Preferences preferences = prefs("suspendOnBattery=false", "minBatteryPercent=40");

    Decision low = decide(preferences, Machine.quiet().charging(35.7));
    Decision enough = decide(preferences, Machine.quiet().onBattery(40));

    assertThat(low.computeAllowed()).isFalse();
    assertThat(low.computeReason())
        .isEqualTo("suspended: battery at 35 %, below the minimum of 40 %");
    assertThat(enough.computeAllowed()).isTrue();
  }

  @Test
  void aLoadSpikeShorterThanTheGracePeriodDoesNotSuspend() {
    ComputePolicy policy =
        new ComputePolicy(
            prefs("loadGraceSeconds=30", "notInUse.suspendAboveOtherCpuPercent=50"), clock, null);

    List<Decision> decisions =
        new ScriptedMonitor(clock)
            .hold(Machine.quiet(), 5)
            .hold(Machine.quiet().otherLoad(0.95), 29)
            .hold(Machine.quiet(), 5)
            .hold(Machine.quiet().otherLoad(0.95), 29)
            .play(policy);

    assertThat(computing(decisions)).containsOnly(true);
  }

  @Test
  void loadAboveTheLimitLongerThanTheGracePeriodSuspendsAndResumesOnlyAfterCalm() {
    ComputePolicy policy =
        new ComputePolicy(
            prefs("loadGraceSeconds=30", "notInUse.suspendAboveOtherCpuPercent=50"), clock, null);

    List<Decision> decisions =
        new ScriptedMonitor(clock)
            .hold(Machine.quiet(), 5)
            .hold(Machine.quiet().otherLoad(0.85), 60)
            .hold(Machine.quiet(), 10) // calm, but not for long enough
            .hold(Machine.quiet().otherLoad(0.85), 5)
            .hold(Machine.quiet(), 40)
            .play(policy);

    int suspended = firstChange(decisions, 0);
    assertThat(suspended).isEqualTo(5 + 30);
    assertThat(decisions.get(suspended).computeReason())
        .isEqualTo("suspended: other programs use 85 % CPU for 30 s (limit 50 %)");
    assertThat(decisions.get(5 + 59).computeReason()).contains("for 59 s");
    assertThat(decisions.get(5 + 60 + 5).computeReason())
        .isEqualTo(
            "suspended: other programs used more than 50 % CPU; resuming after 30 s below it (5 s"
                + " so far)");
    int resumed = firstChange(decisions, suspended);
    // The second spike restarts the calm: 30 s after it ended.
    assertThat(resumed).isEqualTo(5 + 60 + 10 + 5 + 30);
    assertThat(decisions.get(resumed).computeReason()).isEqualTo("computing (computer not in use)");
    assertThat(computing(decisions.subList(resumed, decisions.size()))).containsOnly(true);
  }

  @Test
  void ourOwnCpuLoadDoesNotCountAsOtherPrograms() {
    ComputePolicy policy =
        new ComputePolicy(
            prefs("loadGraceSeconds=0", "notInUse.suspendAboveOtherCpuPercent=25"), clock, null);

    List<Decision> decisions =
        new ScriptedMonitor(clock)
            .hold(Machine.quiet().otherLoad(0.05).ownLoad(0.9), 10)
            .play(policy);

    assertThat(computing(decisions)).containsOnly(true);
  }

  @Test
  void aGracePeriodOfZeroSuspendsAtOnce() {
    Decision decision =
        decide(
            prefs("loadGraceSeconds=0", "notInUse.suspendAboveOtherCpuPercent=25"),
            Machine.quiet().otherLoad(0.3));

    assertThat(decision.computeCause()).isEqualTo(Cause.CPU_LOAD);
  }

  @Test
  void unknownCpuLoadIsReportedAndNotGuessed() {
    Decision decision = decide(Preferences.defaults(), Machine.quiet().otherLoad(Double.NaN));

    assertThat(decision.computeAllowed()).isTrue();
    assertThat(decision.notes())
        .contains("CPU load of other programs unknown: the load rule is not applied");
  }

  @Test
  void suspendsOutsideTheComputingSchedule() {
    Decision decision =
        decide(prefs("computeSchedule.wednesday=08:00-11:00,13:00-17:00"), Machine.quiet());

    assertThat(decision.computeAllowed()).isFalse();
    assertThat(decision.computeCause()).isEqualTo(Cause.SCHEDULE);
    assertThat(decision.computeReason())
        .isEqualTo("suspended: outside the computing schedule (today: 08:00-11:00, 13:00-17:00)");
    assertThat(decision.transfersAllowed()).isTrue();
  }

  @Test
  void computesInsideTheScheduleOfTheLocalZone() {
    // 12:00 UTC is 13:00 in Berlin, inside 13:00-17:00.
    FakeClock berlin = new FakeClock(WEDNESDAY_NOON, ZoneId.of("Europe/Berlin"));
    Decision decision =
        new ComputePolicy(prefs("computeSchedule.wednesday=13:00-17:00"), berlin, null)
            .decide(Machine.quiet().read());

    assertThat(decision.computeAllowed()).isTrue();
  }

  @Test
  void aNightWindowAcrossMidnightAllowsTheEarlyMorningOfTheNextDay() {
    ComputePolicy policy =
        new ComputePolicy(prefs("computeSchedule.everyDay=22:00-06:00"), clock, null);

    clock.set(Instant.parse("2026-11-26T03:00:00Z"));
    assertThat(policy.decide(Machine.quiet().read()).computeAllowed()).isTrue();
    clock.set(Instant.parse("2026-11-26T07:00:00Z"));
    assertThat(policy.decide(Machine.quiet().read()).computeAllowed()).isFalse();
    clock.set(Instant.parse("2026-11-26T22:30:00Z"));
    assertThat(policy.decide(Machine.quiet().read()).computeAllowed()).isTrue();
  }

  @Test
  void noTransfersOutsideTheNetworkScheduleButComputingContinues() {
    Decision decision = decide(prefs("networkSchedule.everyDay=01:00-05:00"), Machine.quiet());

    assertThat(decision.computeAllowed()).isTrue();
    assertThat(decision.transfersAllowed()).isFalse();
    assertThat(decision.transferCause()).isEqualTo(Cause.SCHEDULE);
    assertThat(decision.transferReason())
        .isEqualTo("transfers paused: outside the network schedule (today: 01:00-05:00)");
  }

  @Test
  void anExhaustedTransferBudgetStopsTransfersButNotComputing() throws Exception {
    Preferences preferences = prefs("network.maxMegabytes=500", "network.periodDays=7");
    TransferBudget budget = TransferBudget.open(dataDir, clock);
    ComputePolicy policy = new ComputePolicy(preferences, clock, budget);

    budget.record(300_000_000L);
    Decision before = policy.decide(Machine.quiet().read());
    budget.record(200_000_000L);
    Decision after = policy.decide(Machine.quiet().read());

    assertThat(before.transfersAllowed()).isTrue();
    assertThat(after.transfersAllowed()).isFalse();
    assertThat(after.transferCause()).isEqualTo(Cause.TRANSFER_BUDGET);
    assertThat(after.transferReason())
        .isEqualTo(
            "transfers paused: 500 MB used of 500 MB in the last 7 days; computing continues on"
                + " cached work");
    assertThat(after.computeAllowed()).isTrue();

    clock.advance(Duration.ofDays(7));
    assertThat(policy.decide(Machine.quiet().read()).transfersAllowed()).isTrue();
  }

  @Test
  void aVolumeCapWithoutACounterIsReportedAsNotApplied() {
    Decision decision = decide(prefs("network.maxMegabytes=100"), Machine.quiet());

    assertThat(decision.notes())
        .contains("transfer volume not counted: the transfer cap is not applied");
  }

  @Test
  void runModeSuspendedStopsComputingAndTransfers() {
    Decision decision = decide(prefs("runMode=SUSPENDED"), Machine.quiet());

    assertThat(decision.computeAllowed()).isFalse();
    assertThat(decision.computeReason()).isEqualTo("suspended: run mode is SUSPENDED");
    assertThat(decision.transfersAllowed()).isFalse();
    assertThat(decision.transferCause()).isEqualTo(Cause.SUSPENDED_BY_USER);
  }

  @Test
  void runModeAlwaysIgnoresBatteryScheduleAndLoadButKeepsTheLimits() {
    Preferences preferences =
        prefs(
            "runMode=always",
            "computeSchedule.everyDay=none",
            "networkSchedule.everyDay=none",
            "loadGraceSeconds=0",
            "notInUse.maxCpuPercent=50",
            "notInUse.cpuTimePercent=60");

    Decision decision = decide(preferences, Machine.quiet().onBattery(10).otherLoad(0.99));

    assertThat(decision.computeAllowed()).isTrue();
    assertThat(decision.transfersAllowed()).isTrue();
    assertThat(decision.maxThreads()).isEqualTo(4);
    assertThat(decision.cpuTimePercent()).isEqualTo(60);
  }

  @Test
  void runModeAlwaysStillPausesAboveTheCpuTemperature() {
    Decision decision = decide(prefs("runMode=ALWAYS"), Machine.quiet().temperature(95));

    assertThat(decision.computeCause()).isEqualTo(Cause.CPU_TEMPERATURE);
  }

  @Test
  void aSnoozeStopsEverythingUntilItEnds() {
    Preferences snoozed =
        Preferences.defaults().withSnoozeUntil(WEDNESDAY_NOON.plus(Duration.ofMinutes(32)));
    ComputePolicy policy = new ComputePolicy(snoozed, clock, null);

    Decision during = policy.decide(Machine.quiet().read());
    clock.advance(Duration.ofMinutes(32));
    Decision after = policy.decide(Machine.quiet().read());

    assertThat(during.computeAllowed()).isFalse();
    assertThat(during.computeReason()).isEqualTo("snoozed until 12:32");
    assertThat(during.transfersAllowed()).isFalse();
    assertThat(during.transferReason()).isEqualTo("transfers paused: snoozed until 12:32");
    assertThat(after.computeAllowed()).isTrue();
    assertThat(after.transfersAllowed()).isTrue();
  }

  @Test
  void aSnoozeIntoTheNextDayShowsTheDate() {
    Decision decision =
        decide(
            Preferences.defaults().withSnoozeUntil(Instant.parse("2026-11-26T08:00:00Z")),
            Machine.quiet());

    assertThat(decision.computeReason()).isEqualTo("snoozed until 2026-11-26 08:00");
  }

  @Test
  void recentInputChoosesTheInUseProfile() {
    Preferences preferences =
        prefs(
            "inUseMinutes=3",
            "inUse.maxCpuPercent=25",
            "inUse.cpuTimePercent=50",
            "notInUse.maxCpuPercent=100",
            "notInUse.cpuTimePercent=90");

    Decision busy = decide(preferences, Machine.quiet().lastInput(Duration.ofSeconds(170)));
    Decision away = decide(preferences, Machine.quiet().lastInput(Duration.ofMinutes(3)));

    assertThat(busy.inUse()).isTrue();
    assertThat(busy.profile()).isEqualTo("in use");
    assertThat(busy.maxThreads()).isEqualTo(2);
    assertThat(busy.cpuTimePercent()).isEqualTo(50);
    assertThat(away.inUse()).isFalse();
    assertThat(away.maxThreads()).isEqualTo(8);
    assertThat(away.cpuTimePercent()).isEqualTo(90);
  }

  @Test
  void unknownIdleTimeIsTreatedAsInUseAndSaidSo() {
    Decision decision =
        decide(Preferences.defaults(), Machine.quiet().idleUnknown("no X11 display"));

    assertThat(decision.inUse()).isTrue();
    assertThat(decision.computeAllowed()).isTrue();
    assertThat(decision.notes())
        .contains("idle time unknown: no X11 display; the in-use limits apply");
  }

  @Test
  void runOnlyWhenIdleSuspendsWhileTheComputerIsInUse() {
    Preferences preferences = prefs("runOnlyWhenIdle=true");

    Decision typing = decide(preferences, Machine.quiet().lastInput(Duration.ofSeconds(30)));
    Decision unknown = decide(preferences, Machine.quiet().idleUnknown("no X11 display"));
    Decision away = decide(preferences, Machine.quiet().lastInput(Duration.ofMinutes(5)));

    assertThat(typing.computeCause()).isEqualTo(Cause.COMPUTER_IN_USE);
    assertThat(typing.computeReason())
        .isEqualTo("suspended: computer in use (last input 30 s ago)");
    assertThat(unknown.computeReason())
        .isEqualTo("suspended: computer treated as in use (idle time unknown: no X11 display)");
    assertThat(away.computeAllowed()).isTrue();
  }

  @Test
  void threadsFollowTheShareOfCpusRoundedDownButAtLeastOne() {
    assertThat(decide(prefs("notInUse.maxCpuPercent=30"), Machine.quiet()).maxThreads())
        .isEqualTo(2);
    assertThat(decide(prefs("notInUse.maxCpuPercent=10"), Machine.quiet().cpus(1)).maxThreads())
        .isEqualTo(1);
    assertThat(decide(prefs("notInUse.maxCpuPercent=100"), Machine.quiet().cpus(12)).maxThreads())
        .isEqualTo(12);
  }

  @Test
  void aProjectCapLowersThatProjectsThreadsOnly() {
    Preferences preferences =
        prefs(
            "notInUse.maxCpuPercent=75",
            "projectMaxCpuPercent.mnist-demo=25",
            "projectMaxCpuPercent.big-job=100");

    Decision decision = decide(preferences, Machine.quiet());

    assertThat(decision.maxThreads()).isEqualTo(6);
    assertThat(decision.threadsFor("mnist-demo")).isEqualTo(2);
    assertThat(decision.threadsFor("big-job")).isEqualTo(6);
    assertThat(decision.threadsFor("anything-else")).isEqualTo(6);
  }

  @Test
  void pausesAboveTheCpuTemperatureAndResumesFiveDegreesBelow() {
    ComputePolicy policy = new ComputePolicy(prefs("maxCpuTemperatureCelsius=90"), clock, null);
    List<Decision> decisions =
        new ScriptedMonitor(clock)
            .hold(Machine.quiet().temperature(89), 1)
            .hold(Machine.quiet().temperature(93), 1)
            .hold(Machine.quiet().temperature(88), 1)
            .hold(Machine.quiet().temperature(85), 1)
            .play(policy);

    assertThat(computing(decisions)).containsExactly(true, false, false, true);
    assertThat(decisions.get(1).computeReason())
        .isEqualTo("suspended: CPU at 93 °C, above the limit of 90 °C");
    assertThat(decisions.get(2).computeReason())
        .isEqualTo("suspended: CPU at 88 °C, cooling down to 85 °C");
  }

  @Test
  void withoutATemperatureSensorTheLimitIsReportedAsNotApplied() {
    Decision decision = decide(Preferences.defaults(), Machine.quiet().temperature(Double.NaN));

    assertThat(decision.computeAllowed()).isTrue();
    assertThat(decision.notes())
        .contains("CPU temperature unknown: the temperature limit is not applied");
  }

  @Test
  void memoryLimitIsTheProfilesShareOfTotalMemory() {
    Decision known = decide(prefs("notInUse.maxMemoryPercent=25"), Machine.quiet());
    Decision unknown = decide(Preferences.defaults(), Machine.quiet().memoryUnknown());

    assertThat(known.maxMemoryBytes()).isEqualTo(4 * Machine.GB);
    assertThat(unknown.maxMemoryBytes()).isEqualTo(-1);
    assertThat(unknown.notes()).contains("total memory unknown: the memory limit is not applied");
  }

  @Test
  void anUnknownPowerSourceIsReported() {
    Decision decision = decide(Preferences.defaults(), Machine.quiet().powerUnknown());

    assertThat(decision.computeAllowed()).isTrue();
    assertThat(decision.notes()).contains("power source unknown: the battery rule is not applied");
  }

  @Test
  void anUnknownBatteryChargeIsReported() {
    Decision decision =
        decide(prefs("suspendOnBattery=false"), Machine.quiet().onBattery(Double.NaN));

    assertThat(decision.computeAllowed()).isTrue();
    assertThat(decision.notes())
        .contains("battery charge unknown: the minimum charge is not applied");
  }

  @Test
  void newPreferencesApplyToTheNextDecision() {
    ComputePolicy policy = new ComputePolicy(Preferences.defaults(), clock, null);
    assertThat(policy.decide(Machine.quiet().read()).computeAllowed()).isTrue();

    policy.update(Preferences.defaults().withRunMode(RunMode.SUSPENDED));

    assertThat(policy.decide(Machine.quiet().read()).computeAllowed()).isFalse();
    assertThat(policy.preferences().runMode()).isEqualTo(RunMode.SUSPENDED);
  }
}
