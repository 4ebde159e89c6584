package io.axon.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.axon.core.eventlog.Event;
import io.axon.core.prefs.Decision;
import io.axon.core.prefs.Preferences;
import io.axon.core.prefs.TransferBudget;
import io.axon.core.protocol.Heartbeat;
import io.axon.core.protocol.WorkAssignment;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The engine enforces the volunteer's preferences against a scripted machine: the governor decides
 * once a second (its real period), training runs for real against a coordinator over HTTP.
 */
class EnforcementTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private final ConditionFactory waiting = EngineFixture.waitUpTo(WAIT);
  @RegisterExtension final EngineFixture fixture = new EngineFixture();
  private FakeCoordinator coordinator;
  private ScriptedMachine machine;
  private Path dataDir;

  @BeforeEach
  void useFixture() {
    coordinator = fixture.coordinator;
    machine = fixture.machine;
    dataDir = fixture.dataDir;
  }

  private VolunteerEngine engine(int threads, int maxUnits, EngineListener listener) {
    return fixture.engine(threads, maxUnits, listener);
  }

  private String state() {
    return fixture.state();
  }

  /**
   * Records the time of each epoch and checkpoint. At the end of the first epoch it runs {@link
   * #atFirstEpoch} (which changes the machine or the preferences) and, if {@link #holdUntil} is
   * set, holds the training thread there until the governor has published a decision that satisfies
   * it. The unit then meets that decision at the first mini-batch of epoch 2, still in training,
   * however fast this machine trains.
   */
  private static final class Timeline implements EngineListener {
    final List<Long> epochs = new CopyOnWriteArrayList<>();
    final List<Long> checkpoints = new CopyOnWriteArrayList<>();
    final List<Double> checkpointProgress = new CopyOnWriteArrayList<>();
    final AtomicInteger finished = new AtomicInteger();
    volatile Runnable atFirstEpoch = () -> {};
    volatile Predicate<Decision> holdUntil;
    volatile IntConsumer atEpochEnd = epoch -> {};
    private final CountDownLatch decided = new CountDownLatch(1);
    private volatile boolean changed;
    private volatile long changedAt;
    private volatile long decidedAt;

    @Override
    public void epochFinished(WorkAssignment unit, int epoch, int epochs, double meanLoss) {
      this.epochs.add(System.nanoTime());
      if (this.epochs.size() == 1) {
        changedAt = System.nanoTime();
        changed = true; // before the change: no decision that follows it can be missed
        atFirstEpoch.run();
        if (holdUntil != null) {
          try {
            if (!decided.await(EngineFixture.HOLD_MAX.toSeconds(), TimeUnit.SECONDS)) {
              throw new AssertionError("the governor took no such decision");
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
      atEpochEnd.accept(epoch);
    }

    @Override
    public void decided(Decision decision, List<String> changes) {
      Predicate<Decision> wanted = holdUntil;
      if (changed && wanted != null && decided.getCount() > 0 && wanted.test(decision)) {
        decidedAt = System.nanoTime();
        decided.countDown();
      }
    }

    /** From the change at the first epoch to the decision {@link #holdUntil} waited for. */
    Duration reaction() {
      assertThat(decided.getCount()).as("decided").isZero();
      return Duration.ofNanos(decidedAt - changedAt);
    }

    @Override
    public void checkpointSaved(WorkAssignment unit, double progress) {
      checkpoints.add(System.nanoTime());
      checkpointProgress.add(progress);
    }

    @Override
    public void workFinished(WorkAssignment unit, WorkSummary summary) {
      finished.incrementAndGet();
    }
  }

  @Test
  void pausesTrainingWithinTwoSecondsOnBatteryAndResumesToTheSameBitsOnMains() throws Exception {
    WorkAssignment unit = coordinator.offerLogistic(200_000, 10);
    Timeline timeline = new Timeline();
    timeline.atFirstEpoch = machine::onBattery;
    timeline.holdUntil = decision -> !decision.computeAllowed();
    CompletableFuture<Void> run = EngineFixture.start(engine(1, 1, timeline));

    waiting.until(() -> !timeline.checkpoints.isEmpty());
    // docs/VOLUNTEERING.md promises a suspension within two seconds. The governor decides every
    // second (a fixed delay after the status file is written) and the scripted machine has no
    // cache, so expect up to about 1 s; the other second is for a governor thread that a loaded
    // 2-core machine runs late.
    assertThat(timeline.reaction()).isLessThan(Duration.ofSeconds(2));
    // checkpointed at the first mini-batch after the decision, before it waits
    assertThat(timeline.checkpointProgress).containsExactly(1.0 / 10);
    waiting.until(() -> state().equals("SUSPENDED"));
    int epochsWhenPaused = timeline.epochs.size();
    fixture.awaitDecisions(2); // a decision in which it must not train, and a period to do so
    assertThat(timeline.epochs).hasSize(epochsWhenPaused);
    assertThat(fixture.status().get("reason")).isEqualTo("suspended: on battery");
    assertThat(((Number) fixture.limits().get("threads")).intValue()).as("none runs").isZero();
    assertThat(timeline.finished).hasValue(0);

    machine.onMains();
    run.get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(timeline.finished).hasValue(1);
    assertThat(coordinator.results().get(0).modelSha256())
        .isEqualTo(EngineCheckpointTest.uninterruptedSha256(coordinator, unit));
    assertThat(fixture.eventFile()).contains("suspended: on battery");
    assertThat(fixture.eventFile().substring(fixture.eventFile().indexOf("suspended: on battery")))
        .contains("computing (computer not in use)");
  }

  @Test
  void aUnitThatDoesNotFitTheMemoryLimitWaitsWithoutTrainingAndStartsOnceItFits() throws Exception {
    WorkAssignment unit = coordinator.offerLogistic(100_000, 2);
    long need = UnitMemory.bytesNeeded(unit, 1);
    machine.memory(need); // "not in use": at most 90 % of it
    coordinator.heartbeatSeconds(1);
    Timeline timeline = new Timeline();
    CompletableFuture<Void> run = EngineFixture.start(engine(1, 1, timeline));

    waiting.until(() -> state().equals("SUSPENDED"));
    fixture.awaitDecisions(2); // a decision on which it must not start, and a period to do so
    assertThat(timeline.epochs).isEmpty();
    assertThat(reason())
        .isEqualTo(
            "waiting for memory: unit "
                + unit.workUnitId()
                + " needs "
                + UnitMemory.megabytes(need)
                + ", the limit is "
                + UnitMemory.megabytes(need / 100 * 90)
                + " (computer not in use)");
    @SuppressWarnings("unchecked")
    Map<String, Object> shown = (Map<String, Object>) fixture.status().get("unit");
    assertThat(((Number) shown.get("memoryBytes")).longValue()).isEqualTo(need);
    assertThat(((Number) fixture.limits().get("maxMemoryBytes")).longValue())
        .isEqualTo(need / 100 * 90);
    waiting.until(
        () ->
            coordinator.heartbeatsReceived().stream()
                .anyMatch(
                    h ->
                        h.state() == Heartbeat.HostState.PAUSED
                            && h.workUnitId() == unit.workUnitId()
                            && h.threads() == 0));
    assertThat(coordinator.heartbeatsReceived())
        .noneMatch(h -> h.state() == Heartbeat.HostState.WORKING);

    machine.memory(need * 2);
    run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(coordinator.resultUnitIds()).containsExactly(unit.workUnitId());
    assertThat(fixture.eventFile())
        .contains("waiting for memory: unit " + unit.workUnitId())
        .contains("memory available: unit " + unit.workUnitId() + " continues");
  }

  @Test
  void aUnitIsCheckpointedAndReleasedWhenTheInUseMemoryLimitNoLongerFitsAndResumesToTheSameBits()
      throws Exception {
    WorkAssignment unit = coordinator.offerLogistic(200_000, 10);
    long need = UnitMemory.bytesNeeded(unit, 1);
    machine.memory(need * 3 / 2); // not in use (90 %) it fits; in use (50 %) it does not
    Timeline timeline = new Timeline();
    timeline.atFirstEpoch = machine::userActive;
    timeline.holdUntil = decision -> !UnitMemory.fits(need, decision);
    CompletableFuture<Void> run = EngineFixture.start(engine(1, 1, timeline));

    waiting.until(() -> !timeline.checkpoints.isEmpty());
    assertThat(timeline.checkpointProgress).containsExactly(1.0 / 10);
    waiting.until(() -> reason().startsWith("waiting for memory"));
    int epochsWhenReleased = timeline.epochs.size();
    fixture.awaitDecisions(2); // a decision on which it must not train, and a period to do so
    assertThat(timeline.epochs).hasSize(epochsWhenReleased);
    assertThat(state()).isEqualTo("SUSPENDED");
    assertThat(reason()).endsWith("(computer in use)");
    assertThat(timeline.finished).hasValue(0);

    machine.userAway();
    run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(timeline.finished).hasValue(1);
    assertThat(coordinator.results().get(0).modelSha256())
        .isEqualTo(EngineCheckpointTest.uninterruptedSha256(coordinator, unit));
    assertThat(fixture.eventFile())
        .contains("waiting for memory: unit " + unit.workUnitId())
        .contains("memory available: unit " + unit.workUnitId() + " continues");
  }

  @Test
  void aLoadSpikeShorterThanTheGracePeriodDoesNotSuspendButALongerOneDoes() throws Exception {
    fixture.prefer("loadGraceSeconds=3", "notInUse.suspendAboveOtherCpuPercent=50");
    List<String> changes = new CopyOnWriteArrayList<>();
    VolunteerEngine engine =
        engine(
            1,
            0,
            new EngineListener() {
              @Override
              public void decided(Decision decision, List<String> lines) {
                changes.addAll(lines);
              }
            });
    CompletableFuture<Void> run = EngineFixture.start(engine);
    waiting.until(() -> state().equals("IDLE"));

    // A spike seen by two decisions a period (1 s) apart, well inside the 3 s grace; then on until
    // the decision in force was taken a grace period after the spike began: none of the decisions
    // on which the spike could have lasted that long may suspend.
    Instant spikeBegan = Instant.now(); // the engine's clock is the system clock
    machine.otherLoad(0.9);
    fixture.awaitDecisions(2);
    machine.otherLoad(0.1);
    waiting.until(() -> !engine.decision().time().isBefore(spikeBegan.plusSeconds(3)));
    assertThat(engine.decision().computeAllowed()).isTrue();
    assertThat(changes).noneMatch(c -> c.startsWith("suspended"));

    machine.otherLoad(0.9);
    waiting.until(() -> state().equals("SUSPENDED"));
    engine.stop();
    run.get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(changes)
        .anyMatch(c -> c.startsWith("suspended: other programs use 90 % CPU for"))
        .anyMatch(c -> c.contains("(limit 50 %)"));
    assertThat(engine.recentEvents())
        .extracting(Event::message)
        .anyMatch(m -> m.startsWith("suspended: other programs use 90 % CPU"));
    assertThat(state()).isEqualTo("STOPPED");
  }

  @Test
  void fetchesNoWorkOutsideTheComputingScheduleAndStartsWhenItOpens() throws Exception {
    fixture.prefer("computeSchedule.everyDay=none");
    WorkAssignment unit = coordinator.offerLogistic(1000, 2);
    CompletableFuture<Void> run = EngineFixture.start(engine(1, 1, EngineListener.NONE));

    waiting.until(() -> state().equals("SUSPENDED"));
    fixture.awaitDecisions(2); // a decision on which it must not fetch, and a period to do so
    assertThat(coordinator.queuedUnits()).isEqualTo(1);
    assertThat((String) fixture.status().get("reason"))
        .startsWith("suspended: outside the computing schedule");

    fixture.preferences.set(Preferences.defaults());
    run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(coordinator.resultUnitIds()).containsExactly(unit.workUnitId());
    assertThat(fixture.eventFile()).contains("suspended: outside the computing schedule");
  }

  @Test
  void withTheTransferCapReachedACheckpointedUnitStillTrainsAndItsResultWaits() throws Exception {
    WorkAssignment unit = coordinator.offerLogistic(50_000, 8);
    AtomicReference<VolunteerEngine> first = new AtomicReference<>();
    first.set(
        engine(
            1,
            0,
            new EngineListener() {
              @Override
              public void epochFinished(WorkAssignment u, int epoch, int epochs, double loss) {
                if (epoch == 2) {
                  first.get().stop();
                }
              }
            }));
    EngineFixture.start(first.get()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(coordinator.resultUnitIds()).isEmpty();
    TransferBudget budget = TransferBudget.open(dataDir, Clock.systemDefaultZone());
    long counted = budget.used(new Preferences.NetworkLimits(1, 1, 0, 0));
    assertThat(counted).isEqualTo(unit.modelBlob().size() + unit.shardBlob().size());
    budget.record(1_000_000); // the cap of 1 MB is used up
    fixture.prefer("network.maxMegabytes=1");
    coordinator.offerLogistic(100, 1);
    Timeline timeline = new Timeline();

    CompletableFuture<Void> run = EngineFixture.start(engine(1, 1, timeline));
    waiting.until(() -> timeline.finished.get() == 1);
    waiting.until(() -> reason().startsWith("results wait: transfers paused"));
    fixture.awaitDecisions(2); // a decision on which it must neither upload nor fetch, and a
    // period to do so

    assertThat(coordinator.uploadAttempts()).isZero();
    assertThat(coordinator.queuedUnits()).isEqualTo(1); // no new work was fetched
    assertThat(coordinator.downloads(unit.shardBlob().sha256())).isEqualTo(1);
    assertThat(dataDir.resolve("pending").resolve(unit.workUnitId() + ".model")).exists();
    Map<String, Object> status = fixture.status();
    @SuppressWarnings("unchecked")
    Map<String, Object> limits = (Map<String, Object>) status.get("limits");
    assertThat(limits.get("transfersAllowed")).isEqualTo(false);
    assertThat((String) limits.get("transferReason")).startsWith("transfers paused: 1 MB used");
    assertThat((String) status.get("reason")).startsWith("results wait: transfers paused");

    fixture.preferences.set(Preferences.defaults());
    run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(coordinator.resultUnitIds()).containsExactly(unit.workUnitId());
    assertThat(coordinator.results().get(0).modelSha256())
        .isEqualTo(EngineCheckpointTest.uninterruptedSha256(coordinator, unit));
    assertThat(fixture.eventFile()).contains("transfers paused: 1 MB used of 1 MB today");
    assertThat(TransferBudget.open(dataDir, Clock.systemDefaultZone()).used(limits1MB()))
        .isEqualTo(counted + 1_000_000 + coordinator.resultModel(unit.workUnitId()).length);
  }

  private static Preferences.NetworkLimits limits1MB() {
    return new Preferences.NetworkLimits(1, 1, 0, 0);
  }

  @Test
  void continuesAUnitWithFewerThreadsWhenTheLimitDropsAndHandsInTheSameBits() throws Exception {
    WorkAssignment unit = coordinator.offerLogistic(200_000, 10);
    Timeline timeline = new Timeline();
    timeline.atFirstEpoch = () -> fixture.prefer("notInUse.maxCpuPercent=25"); // 4 CPUs: one thread
    timeline.holdUntil = decision -> decision.maxThreads() == 1;
    // epoch 2 ends on one thread (the switch came at its start): held until the status shows it
    timeline.atEpochEnd =
        epoch -> {
          if (epoch == 2) {
            EngineFixture.holdUntil(() -> threadsInStatus() == 1);
          }
        };
    CompletableFuture<Void> run = EngineFixture.start(engine(3, 1, timeline));

    // checkpoints are due every 60 s: the one taken now is for the switch to fewer threads
    waiting.until(() -> !timeline.checkpoints.isEmpty());
    assertThat(timeline.checkpointProgress).containsExactly(1.0 / 10);
    waiting.until(() -> threadsInStatus() == 1);
    assertThat(timeline.finished).hasValue(0);
    run.get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(timeline.finished).hasValue(1);
    assertThat(coordinator.results().get(0).modelSha256())
        .isEqualTo(EngineCheckpointTest.uninterruptedSha256(coordinator, unit));
    assertThat(fixture.eventFile()).contains("limits: at most 1 training thread at 100 % CPU time");
  }

  private String reason() {
    try {
      return String.valueOf(fixture.status().get("reason"));
    } catch (Exception e) {
      return "unreadable: " + e;
    }
  }

  private int threadsInStatus() {
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> limits = (Map<String, Object>) fixture.status().get("limits");
      return ((Number) limits.get("threads")).intValue();
    } catch (Exception e) {
      return -1;
    }
  }

  @Test
  void writesTheStatusFileWithTheContractsFieldsWhileRunningAndOnStop() throws Exception {
    WorkAssignment unit = coordinator.offerLogistic(200_000, 10);
    Timeline timeline = new Timeline();
    VolunteerEngine engine = engine(2, 0, timeline);
    // held at the end of epoch 2 until stopped: the status shows the unit in training
    timeline.atEpochEnd =
        epoch -> {
          if (epoch == 2) {
            EngineFixture.holdUntil(engine::stopping);
          }
        };
    CompletableFuture<Void> run = EngineFixture.start(engine);
    waiting.until(() -> timeline.epochs.size() >= 2 && state().equals("RUNNING"));

    Map<String, Object> status = fixture.status();
    assertThat(status)
        .containsOnlyKeys(
            "updatedAt",
            "pid",
            "coordinator",
            "state",
            "reason",
            "unit",
            "limits",
            "notes",
            "completedUnits",
            "recentEvents");
    // rewritten every second (the docs promise at least every 2 s); 3 s leave a second for a
    // governor thread that a loaded machine runs late
    assertThat(Instant.parse((String) status.get("updatedAt")))
        .isCloseTo(Instant.now(), within(3, ChronoUnit.SECONDS));
    assertThat(((Number) status.get("pid")).longValue()).isEqualTo(ProcessHandle.current().pid());
    assertThat(status.get("coordinator")).isEqualTo(coordinator.url());
    assertThat(status.get("reason")).isEqualTo("");
    @SuppressWarnings("unchecked")
    Map<String, Object> shown = (Map<String, Object>) status.get("unit");
    assertThat(shown).containsOnlyKeys("workUnitId", "jobName", "round", "progress", "memoryBytes");
    assertThat(((Number) shown.get("memoryBytes")).longValue())
        .isEqualTo(UnitMemory.bytesNeeded(unit, 2));
    assertThat(((Number) shown.get("workUnitId")).longValue()).isEqualTo(unit.workUnitId());
    assertThat(shown.get("jobName")).isEqualTo(unit.jobName());
    assertThat(((Number) shown.get("round")).intValue()).isEqualTo(unit.round());
    assertThat(((Number) shown.get("progress")).doubleValue()).isBetween(0.0, 1.0);
    @SuppressWarnings("unchecked")
    Map<String, Object> limits = (Map<String, Object>) status.get("limits");
    assertThat(limits)
        .containsOnlyKeys(
            "profile",
            "maxThreads",
            "threads",
            "cpuTimePercent",
            "maxMemoryBytes",
            "transfersAllowed",
            "transferReason");
    assertThat(limits.get("profile")).isEqualTo("not in use");
    assertThat(((Number) limits.get("maxMemoryBytes")).longValue())
        .isEqualTo(16_000_000_000L / 100 * 90);
    assertThat(((Number) limits.get("maxThreads")).intValue()).isEqualTo(4);
    assertThat(((Number) limits.get("threads")).intValue()).isEqualTo(2);
    assertThat(((Number) limits.get("cpuTimePercent")).intValue()).isEqualTo(100);
    assertThat(limits.get("transfersAllowed")).isEqualTo(true);
    assertThat(limits.get("transferReason")).isEqualTo("");
    assertThat(status.get("notes"))
        .isEqualTo(List.of("CPU temperature unknown: the temperature limit is not applied"));
    assertThat(((Number) status.get("completedUnits")).intValue()).isZero();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> events = (List<Map<String, Object>>) status.get("recentEvents");
    assertThat(events).isNotEmpty().hasSizeLessThanOrEqualTo(20);
    assertThat(events.get(0)).containsOnlyKeys("time", "message");
    assertThat(events)
        .extracting(e -> e.get("message"))
        .contains("computing (computer not in use)");

    engine.stop();
    run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    Map<String, Object> stopped = fixture.status();
    assertThat(stopped.get("state")).isEqualTo("STOPPED");
    assertThat(stopped.get("unit")).isNull();
    assertThat(stopped).containsKey("unit");
  }

  @Test
  void holdsDownloadsToTheDownloadRateCapAndCountsThemInTheTransferBudget() throws Exception {
    fixture.prefer("network.maxDownloadKilobytesPerSecond=50");
    WorkAssignment unit = coordinator.offerLogistic(5000, 1);
    long bytes = unit.modelBlob().size() + unit.shardBlob().size();
    AtomicLong started = new AtomicLong();
    AtomicLong trained = new AtomicLong();
    EngineListener timing =
        new EngineListener() {
          @Override
          public void workStarted(WorkAssignment u) {
            started.set(System.nanoTime());
          }

          @Override
          public void epochFinished(WorkAssignment u, int epoch, int epochs, double loss) {
            trained.set(System.nanoTime());
          }
        };

    EngineFixture.start(engine(1, 1, timing)).get(WAIT.toSeconds(), TimeUnit.SECONDS);

    // 50 KB/s: the blobs may not arrive faster than bytes / 50,000 seconds
    assertThat(Duration.ofNanos(trained.get() - started.get()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(bytes * 1000 / 50_000));
    assertThat(TransferBudget.open(dataDir, Clock.systemDefaultZone()).used(limits1MB()))
        .isEqualTo(bytes + coordinator.resultModel(unit.workUnitId()).length);
  }

  @Test
  void keepsTheLastValidPreferencesAndSaysSoWhenNewOnesCannotBeRead() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    Preferences suspended = Preferences.defaults().withRunMode(Preferences.RunMode.SUSPENDED);
    VolunteerEngine engine =
        VolunteerEngine.builder(new EngineConfig(coordinator.url(), dataDir, 1, "test-host"))
            .timing(EngineFixture.FAST)
            .monitor(machine)
            .preferences(
                () -> {
                  if (asked.incrementAndGet() > 1) {
                    throw new IllegalArgumentException("inUseMinutes must be between 1 and 1440");
                  }
                  return suspended;
                })
            .build();
    coordinator.offerLogistic(100, 1);
    CompletableFuture<Void> run = EngineFixture.start(engine);

    waiting.until(() -> asked.get() >= 3);
    engine.stop();
    run.get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(coordinator.queuedUnits()).isEqualTo(1);
    assertThat(engine.recentEvents())
        .extracting(Event::message)
        .contains("suspended: run mode is SUSPENDED")
        .containsOnlyOnce(
            "preferences not applied, the last valid ones stay in force:"
                + " java.lang.IllegalArgumentException: inUseMinutes must be between 1 and 1440");
  }

  @Test
  void aFiftyPercentThrottleRestsHalfTheTimeInOneSecondSlices() throws Exception {
    fixture.prefer("notInUse.cpuTimePercent=50");
    // 2e10 rows: over 300 s on this 2-core machine, which trains about 60 million rows a second on
    // one thread; the test stops it after about 5 s
    coordinator.offerLogistic(20_000, 1_000_000);
    Timeline timeline = new Timeline();
    VolunteerEngine engine = engine(1, 0, timeline);
    CompletableFuture<Void> run = EngineFixture.start(engine);
    // four and a half seconds of epochs, however long a loaded machine takes to get there
    waiting.until(
        () ->
            timeline.epochs.size() > 1
                && timeline.epochs.get(timeline.epochs.size() - 1) - timeline.epochs.get(0)
                    >= TimeUnit.MILLISECONDS.toNanos(4500));
    engine.stop();
    run.get(WAIT.toSeconds(), TimeUnit.SECONDS);

    // rests show as gaps between epochs (an epoch takes milliseconds); ThrottleMeasurementTest
    // measures the CPU time itself
    List<Long> epochs = timeline.epochs;
    long rested = 0;
    int rests = 0;
    for (int i = 1; i < epochs.size(); i++) {
      long gap = epochs.get(i) - epochs.get(i - 1);
      if (gap > TimeUnit.MILLISECONDS.toNanos(300)) {
        rested += gap;
        rests++;
      }
    }
    double restFraction = (double) rested / (epochs.get(epochs.size() - 1) - epochs.get(0));
    assertThat(rests).isBetween(2, 3);
    assertThat(restFraction).isBetween(0.35, 0.65);
  }

  @Test
  void raisingTheLimitEndsARestAtOnce() throws Exception {
    fixture.prefer("notInUse.cpuTimePercent=1"); // one second of computing, then 99 s of rest
    coordinator.offerLogistic(20_000, 1_000_000); // never done in time (see above)
    Timeline timeline = new Timeline();
    AtomicReference<Thread> trainer = new AtomicReference<>();
    timeline.atEpochEnd = epoch -> trainer.set(Thread.currentThread());
    VolunteerEngine engine = engine(1, 0, timeline);
    CompletableFuture<Void> run = EngineFixture.start(engine);
    waiting.until(() -> resting(trainer.get()));
    int before = timeline.epochs.size();

    fixture.prefer("notInUse.cpuTimePercent=100");
    // within WAIT (60 s), shorter than the 99 s rest: only an ended rest gets there
    waiting.until(() -> timeline.epochs.size() > before + 10);
    engine.stop();
    run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Whether {@code trainer} rests in the throttle's pause (the governor's timed wait). */
  private static boolean resting(Thread trainer) {
    return trainer != null
        && trainer.getState() == Thread.State.TIMED_WAITING
        && Arrays.stream(trainer.getStackTrace())
            .anyMatch(
                frame ->
                    frame.getClassName().equals(Pacing.class.getName())
                        && frame.getMethodName().equals("awaitPermission"));
  }
}
