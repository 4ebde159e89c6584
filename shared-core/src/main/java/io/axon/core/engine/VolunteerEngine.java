package io.axon.core.engine;

import io.axon.core.client.CoordinatorClient;
import io.axon.core.client.CoordinatorException;
import io.axon.core.engine.PendingResults.PendingResult;
import io.axon.core.engine.StatusFile.Snapshot;
import io.axon.core.engine.WorkSummary.Upload;
import io.axon.core.eventlog.Event;
import io.axon.core.eventlog.EventLog;
import io.axon.core.monitor.ResourceMonitor;
import io.axon.core.monitor.oshi.OshiResourceMonitor;
import io.axon.core.prefs.ComputePolicy;
import io.axon.core.prefs.Decision;
import io.axon.core.prefs.Preferences;
import io.axon.core.prefs.PreferencesStore;
import io.axon.core.prefs.TransferBudget;
import io.axon.core.protocol.Heartbeat;
import io.axon.core.protocol.Heartbeat.HostState;
import io.axon.core.protocol.HostRegistration;
import io.axon.core.protocol.ResultReply;
import io.axon.core.protocol.WorkAssignment;
import io.axon.core.protocol.WorkReply;
import io.axon.core.protocol.WorkRequest;
import io.axon.core.training.TrainingCheckpoint;
import io.axon.core.training.TrainingListener.CancelledException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The volunteer loop: register once (the identity is kept in the data directory), send heartbeats,
 * ask for work, fetch the unit's model and shard by content hash, train, hand the result in,
 * repeat.
 *
 * <p>Nothing trained is lost: a result is written to the data directory before it is uploaded and
 * removed only once the coordinator has answered; results left over from a failed upload or an
 * earlier run are handed in before new work is requested. Network trouble is retried with
 * exponential backoff.
 *
 * <p>Little training is lost either: while a unit trains, its progress is checkpointed to the data
 * directory every {@link EngineConfig#checkpointInterval()} and when the engine is stopped. After a
 * crash, a kill or a reboot, units whose deadline has not passed are resumed from their last
 * checkpoint before new work is requested, and give the same result to the bit.
 *
 * <p>Work fetch keeps {@link EngineConfig#workBufferUnits()} units queued beyond the one in
 * training, and no more: each request lists the units held (queued, in training, results waiting
 * for upload), the speed measured on the last unit trained from its start (0 = not yet known) and
 * the seconds of work queued, and the coordinator sends no unit this host cannot finish before its
 * deadline (BOINC #5210). A fetched unit is saved to the data directory at once, so a restart
 * trains it; the blobs of queued units are downloaded while transfers are allowed.
 *
 * <p>The volunteer's preferences are enforced by a governor thread that reads the {@link
 * ResourceMonitor} and asks the {@link ComputePolicy} every second: while computing is not allowed
 * (on battery, outside the schedule, ...) training is checkpointed and waits and no new work is
 * fetched; a CPU-time throttle makes training rest between one-second slices; a unit trains with no
 * more threads than allowed, and continues from a checkpoint with fewer if the limit drops; while
 * transfers are paused nothing is downloaded or uploaded (results wait on disk, units in hand keep
 * training), and every byte is counted against the transfer cap. Each change goes to the event log
 * ({@code logs/} in the data directory) with its reason, and {@value StatusFile#FILE_NAME} in the
 * data directory is rewritten every second.
 *
 * <p>{@link #run()} blocks on the calling thread; {@link #stop()} may be called from any other
 * thread, e.g. a shutdown hook, and cancels a running training.
 */
public final class VolunteerEngine {
  private static final Logger log = LoggerFactory.getLogger(VolunteerEngine.class);
  private static final long PID = StatusFile.currentPid();

  private enum State {
    NEW,
    RUNNING,
    ENDED
  }

  private final EngineConfig config;
  private final EngineListener listener;
  private final Timing timing;
  private final ResourceMonitor monitor;
  private final Supplier<Preferences> preferences;
  private final Clock clock;
  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private final CountDownLatch stopSignal = new CountDownLatch(1);
  private final CountDownLatch ended = new CountDownLatch(1);
  private final Activity activity = new Activity();
  private volatile Thread runner;
  private volatile Governor governor;
  private volatile EventLog events;

  /**
   * Waits and limits; tests shorten them. The engine's own backoff comes on top of the client's
   * retries of a single call ({@code clientAttempts}, starting at {@code clientRetryDelay}); the
   * governor decides every {@code governorPeriod}.
   */
  record Timing(
      Duration backoffStart,
      Duration backoffMax,
      Duration stopWait,
      int clientAttempts,
      Duration clientRetryDelay,
      Duration governorPeriod) {
    static final Timing DEFAULT =
        new Timing(
            Duration.ofSeconds(1),
            Duration.ofSeconds(60),
            Duration.ofSeconds(5),
            4,
            Duration.ofMillis(500),
            Duration.ofSeconds(1));

    Timing(
        Duration backoffStart,
        Duration backoffMax,
        Duration stopWait,
        int clientAttempts,
        Duration clientRetryDelay) {
      this(
          backoffStart,
          backoffMax,
          stopWait,
          clientAttempts,
          clientRetryDelay,
          DEFAULT.governorPeriod());
    }
  }

  private VolunteerEngine(Builder builder) {
    this.config = builder.config;
    this.listener = builder.listener;
    this.timing = builder.timing;
    this.monitor = builder.monitor;
    this.preferences = builder.preferences;
    this.clock = builder.clock;
  }

  /**
   * An engine that reports what it does to {@code listener}, measures the machine with OSHI and
   * follows the preferences in the data directory ({@link PreferencesStore}, re-read when the file
   * changes); nothing runs until {@link #run()}.
   */
  public static VolunteerEngine create(EngineConfig config, EngineListener listener) {
    return builder(config).listener(listener).build();
  }

  /** A builder for an engine with its own monitor, preferences or clock. */
  public static Builder builder(EngineConfig config) {
    return new Builder(config);
  }

  /**
   * Builds a {@link VolunteerEngine}. Unless set: no listener, the desktop monitor ({@link
   * OshiResourceMonitor#create()}, made when the engine starts; Android sets its own), the
   * preferences saved in the data directory, and the system clock in the default zone (schedules
   * are local times).
   */
  public static final class Builder {
    private final EngineConfig config;
    private EngineListener listener = EngineListener.NONE;
    private Timing timing = Timing.DEFAULT;
    private ResourceMonitor monitor;
    private Supplier<Preferences> preferences;
    private Clock clock = Clock.systemDefaultZone();

    private Builder(EngineConfig config) {
      if (config == null) {
        throw new IllegalArgumentException("config is required");
      }
      this.config = config;
    }

    public Builder listener(EngineListener listener) {
      this.listener = require(listener, "listener");
      return this;
    }

    /** Where readings come from (Android brings its own; tests script them). */
    public Builder monitor(ResourceMonitor monitor) {
      this.monitor = require(monitor, "monitor");
      return this;
    }

    /** Follows the preferences saved in {@code store}, re-read whenever its file changes. */
    public Builder preferences(PreferencesStore store) {
      this.preferences = new StoredPreferences(require(store, "store"));
      return this;
    }

    /**
     * Follows {@code preferences}, asked once per decision (every second); it may return new
     * preferences at any time. If it throws, the last valid ones stay in force.
     */
    public Builder preferences(Supplier<Preferences> preferences) {
      this.preferences = require(preferences, "preferences");
      return this;
    }

    /** The clock for decisions, schedules (in its zone), events and the status file. */
    public Builder clock(Clock clock) {
      this.clock = require(clock, "clock");
      return this;
    }

    Builder timing(Timing timing) {
      this.timing = require(timing, "timing");
      return this;
    }

    public VolunteerEngine build() {
      if (preferences == null) {
        preferences = new StoredPreferences(new PreferencesStore(config.dataDir()));
      }
      return new VolunteerEngine(this);
    }

    private static <T> T require(T value, String name) {
      if (value == null) {
        throw new IllegalArgumentException(name + " is required");
      }
      return value;
    }
  }

  public EngineConfig config() {
    return config;
  }

  /**
   * Works until {@link #stop()} is called or {@link EngineConfig#maxUnits()} units are done and
   * handed in. Can be called once.
   *
   * @throws IOException if the data directory is unusable (e.g. in use by another volunteer), its
   *     transfer counter is damaged (the cap is never lifted silently), or the coordinator refuses
   *     to register this host
   */
  public void run() throws IOException {
    if (!state.compareAndSet(State.NEW, State.RUNNING)) {
      throw new IllegalStateException("an engine runs once; create a new one");
    }
    runner = Thread.currentThread();
    try (DataDirectory dir = DataDirectory.open(config.dataDir());
        EventLog eventLog = EventLog.open(config.dataDir(), clock);
        CoordinatorClient client = client()) {
      events = eventLog;
      TransferBudget budget = TransferBudget.open(config.dataDir(), clock);
      ComputePolicy policy = new ComputePolicy(Preferences.defaults(), clock, budget);
      ResourceMonitor machine = monitor != null ? monitor : OshiResourceMonitor.create();
      StatusFile status = new StatusFile(config.dataDir());
      eventLog.record("volunteering for " + String.join(", ", config.coordinatorUrls()));
      Governor rules = new Governor(machine, preferences, policy, eventLog, listener);
      governor = rules;
      try {
        rules.start(timing.governorPeriod(), decision -> writeStatus(status, false));
        work(dir, client, budget, policy);
      } finally {
        rules.close(); // first, so that no tick overwrites the last status
        eventLog.record("stopped");
        writeStatus(status, true);
      }
    } catch (IOException | RuntimeException e) {
      listener.error(e, false);
      throw e;
    } finally {
      state.set(State.ENDED);
      ended.countDown();
    }
  }

  private void work(
      DataDirectory dir, CoordinatorClient client, TransferBudget budget, ComputePolicy policy)
      throws IOException {
    CoordinatorSession session =
        new CoordinatorSession(
            client,
            dir.identity(),
            config.coordinatorUrl(),
            registration(),
            hostId -> listener.registered(hostId, config.coordinatorUrl(), true));
    activity.waiting("connecting to " + config.coordinatorUrl());
    if (!startSession(session)) {
      return;
    }
    Transfers transfers =
        new Transfers(
            session,
            governor,
            budget,
            () -> policy.preferences().network(),
            activity,
            this::stopping);
    try (Heartbeats heartbeats = new Heartbeats(session, this::heartbeat)) {
      heartbeats.start();
      BlobCache blobs =
          dir.blobs(() -> policy.preferences().disk().cacheMaxMegabytes() * 1_000_000L);
      new Loop(session, dir, blobs, transfers).run();
    }
  }

  /**
   * What the next heartbeat says: the unit in hand, if any, WORKING or PAUSED (suspended, or held
   * back for memory), and the training threads running now, not the configured number.
   */
  private Heartbeat heartbeat() {
    WorkAssignment unit = activity.unit;
    if (unit == null) {
      return new Heartbeat(HostState.IDLE, null, 0);
    }
    Decision decision = governor.current();
    boolean paused = activity.heldBack != null || !decision.computeAllowed();
    return new Heartbeat(
        paused ? HostState.PAUSED : HostState.WORKING,
        unit.workUnitId(),
        paused ? 0 : activity.threads);
  }

  /** The decision in force, or null before the engine has started. */
  public Decision decision() {
    Governor rules = governor;
    return rules == null ? null : rules.current();
  }

  /** The latest events (state changes with their reasons), oldest first; empty before start. */
  public List<Event> recentEvents() {
    EventLog eventLog = events;
    return eventLog == null ? List.of() : eventLog.recent();
  }

  private void writeStatus(StatusFile file, boolean stopped) {
    Decision decision = governor.current();
    WorkAssignment unit = activity.unit;
    String waiting = activity.waiting;
    StatusFile.State shown;
    String reason;
    if (stopped) {
      shown = StatusFile.State.STOPPED;
      reason = "stopped";
    } else if (!decision.computeAllowed()) {
      shown = StatusFile.State.SUSPENDED;
      reason = decision.computeReason();
    } else if (unit != null && activity.heldBack != null) {
      shown = StatusFile.State.SUSPENDED;
      reason = activity.heldBack;
    } else if (unit != null && waiting == null) {
      shown = StatusFile.State.RUNNING;
      reason = "";
    } else {
      shown = StatusFile.State.IDLE;
      reason = waiting == null ? "" : waiting;
    }
    try {
      file.write(
          new Snapshot(
              clock.instant(),
              PID,
              config.coordinatorUrl(),
              shown,
              reason,
              stopped ? null : unit,
              activity.progress,
              decision,
              shown == StatusFile.State.RUNNING ? activity.threads : 0, // a waiting one counts 0
              stopped || unit == null ? 0 : activity.memoryBytes,
              activity.completed.get(),
              events.recent()));
    } catch (IOException e) {
      log.warn("Could not write {}: {}", file.file(), e.toString());
    }
  }

  /**
   * Asks {@link #run()} to end: a running training is checkpointed and cancelled (the next run
   * resumes it if its deadline has not passed), a running upload finishes or is kept for later.
   * Returns once the loop has ended, or after a few seconds if it hangs in a network call. Safe
   * from any thread and more than once.
   */
  public void stop() {
    stopSignal.countDown();
    Governor rules = governor;
    if (rules != null) {
      rules.wake();
    }
    if (state.get() != State.RUNNING || Thread.currentThread() == runner) {
      return;
    }
    try {
      if (!ended.await(timing.stopWait().toMillis(), TimeUnit.MILLISECONDS)) {
        Thread thread = runner;
        if (thread != null) {
          log.warn("The engine has not stopped after {}: interrupting it", timing.stopWait());
          thread.interrupt();
        }
        ended.await(timing.stopWait().toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  boolean stopping() {
    return stopSignal.getCount() == 0;
  }

  /** Waits for {@code duration} unless stopped first; true if it is time to stop. */
  private boolean pause(Duration duration) {
    try {
      return stopSignal.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopSignal.countDown();
      return true;
    }
  }

  private CoordinatorClient client() {
    return CoordinatorClient.builder(config.coordinatorUrls())
        .userAgent("axon-volunteer/" + EngineVersion.get())
        .maxAttempts(timing.clientAttempts())
        .baseDelay(timing.clientRetryDelay())
        // a stop cuts the client's waits between retries short (the remaining attempts then
        // fail fast or succeed); throwing InterruptedException would leave the thread interrupted
        .sleeper(millis -> stopSignal.await(millis, TimeUnit.MILLISECONDS))
        .build();
  }

  private HostRegistration registration() {
    return new HostRegistration(
        config.name(),
        EngineVersion.platform(),
        Math.min(EngineConfig.MAX_THREADS, Runtime.getRuntime().availableProcessors()),
        Runtime.getRuntime().maxMemory(),
        "axon-engine " + EngineVersion.get(),
        config.accountKey(),
        null);
  }

  /**
   * Loads or obtains the host identity, retrying while the coordinator is unreachable. False if
   * stopped first.
   */
  private boolean startSession(CoordinatorSession session) throws IOException {
    Backoff backoff = new Backoff(timing.backoffStart(), timing.backoffMax());
    while (!stopping()) {
      try {
        if (!session.start()) {
          listener.registered(session.hostId(), config.coordinatorUrl(), false);
          if (config.accountKey() != null) {
            events.record(
                "already registered as host "
                    + session.hostId()
                    + ": it keeps its identity and token; the account key is used only if it"
                    + " has to register again");
          }
        }
        return true;
      } catch (CoordinatorException e) {
        if (!retryable(e)) {
          throw e;
        }
        listener.error(e, true);
      } catch (IOException e) {
        if (stopping()) {
          break;
        }
        listener.error(e, true);
      }
      pause(backoff.next());
    }
    return false;
  }

  /** 4xx answers will not change by asking again, except timeouts and rate limits. */
  static boolean retryable(CoordinatorException e) {
    int status = e.status();
    return status >= 500 || status == 408 || status == 429;
  }

  /** The work loop of one run. */
  private final class Loop {
    private final CoordinatorSession session;
    private final PendingResults pending;
    private final CheckpointStore checkpoints;
    private final UnitTrainer trainer;
    private final Transfers transfers;
    private final SpeedStore speed;
    private final Backoff backoff = new Backoff(timing.backoffStart(), timing.backoffMax());
    private final Backoff fetchBackoff = new Backoff(timing.backoffStart(), timing.backoffMax());
    private int trained;

    /**
     * Measured on the last unit trained from its start, kept across restarts; 0 (unknown) before
     * the first.
     */
    private long flopsPerSecond;

    /** The unit waiting for memory, as said in the event log; -1 when none waits. */
    private long waitingForMemory = -1;

    /**
     * When (wall-clock time, as deadlines) to ask the coordinator again after it had no work or
     * could not be reached.
     */
    private long nextAskMillis;

    Loop(CoordinatorSession session, DataDirectory dir, BlobCache blobs, Transfers transfers) {
      this.session = session;
      this.pending = dir.pending();
      this.checkpoints = dir.checkpoints();
      this.transfers = transfers;
      this.speed = new SpeedStore(dir.root());
      this.flopsPerSecond = speed.load();
      this.trainer =
          new UnitTrainer(
              blobs,
              transfers,
              checkpoints,
              governor,
              activity,
              config,
              listener,
              VolunteerEngine.this::stopping);
    }

    void run() {
      while (!stopping()) {
        try {
          Decision decision = governor.current();
          if (decision.transfersAllowed()) {
            handInSaved();
          }
          if (config.maxUnits() > 0 && trained >= config.maxUnits()) {
            if (pending.list().isEmpty()) {
              log.info("Done: {} work units trained and handed in", trained);
              return;
            }
            // results wait for transfers to be allowed again
            activity.waiting("results wait: " + decision.transferReason());
            awaitDecision(Decision::transfersAllowed);
            continue;
          }
          if (!decision.computeAllowed()) {
            activity.waiting(decision.computeReason());
            awaitDecision(Decision::computeAllowed);
            continue;
          }
          List<WorkAssignment> held = heldUnits();
          if (decision.transfersAllowed() && wantsMore(held)) {
            WorkAssignment fetched = fetch(held, decision);
            if (fetched != null) {
              continue; // top the queue up before training
            }
          }
          if (held.isEmpty()) {
            if (!decision.transfersAllowed()) {
              // a new unit would need downloads; units in hand were trained already
              activity.waiting("no new work: " + decision.transferReason());
              awaitDecision(Decision::transfersAllowed);
              continue;
            }
            Duration wait =
                Duration.ofMillis(Math.max(1, nextAskMillis - System.currentTimeMillis()));
            activity.waiting(
                "no work from the coordinator; asking again in "
                    + Math.max(1, wait.getSeconds())
                    + " s");
            listener.idle(wait);
            backoff.reset();
            pause(wait);
            continue;
          }
          if (decision.transfersAllowed()) {
            prefetch(held.subList(1, held.size()));
          }
          WorkAssignment next = held.get(0);
          long need = UnitMemory.bytesNeeded(next, trainer.threadsFor(next, decision));
          if (!UnitMemory.fits(need, decision)) {
            waitForMemory(next, need);
            continue;
          }
          afterWork(resume(next));
        } catch (CancelledException e) {
          log.info("Training cancelled: stopping");
          return;
        } catch (UnitTrainer.MemoryShortage e) {
          waitForMemory(e.unit, e.bytesNeeded);
        } catch (IOException e) {
          if (stopping()) {
            return;
          }
          log.warn("Coordinator call failed, backing off: {}", e.toString());
          activity.waiting("coordinator unreachable: " + e.getMessage());
          failed(e);
        } catch (RuntimeException e) {
          // a unit whose blobs do not fit its assignment, or a bug: report it, keep volunteering
          log.warn("Work unit failed, backing off", e);
          activity.waiting("work unit failed: " + e.getMessage());
          failed(e);
        }
      }
    }

    /**
     * Holds {@code unit} back (its checkpoint, if any, stays on disk) until its need fits the
     * memory limit, computing is suspended, or a few seconds pass; the first wait for a unit goes
     * to the event log with its reason.
     */
    private void waitForMemory(WorkAssignment unit, long need) {
      Decision decision = governor.current();
      String reason = UnitMemory.waitingReason(unit, need, decision);
      double progress = 0;
      try {
        TrainingCheckpoint saved = checkpoints.progress(unit.workUnitId());
        progress = saved == null ? 0 : saved.progress();
      } catch (IOException e) {
        log.warn("Cannot read the checkpoint of unit {}: {}", unit.workUnitId(), e.toString());
      }
      activity.heldBack(unit, progress, need, reason);
      if (waitingForMemory != unit.workUnitId()) {
        waitingForMemory = unit.workUnitId();
        events.record(reason);
        log.info("{}", reason);
      }
      awaitDecision(d -> !d.computeAllowed() || UnitMemory.fits(need, d));
    }

    /** Backs off after a failed upload; a result held back by the preferences is no failure. */
    private void afterWork(Upload upload) {
      if (upload == Upload.KEPT && transfers.allowed()) {
        pause(backoff.next());
      } else {
        backoff.reset();
      }
    }

    /** Waits until the decision satisfies {@code until} (or a few seconds pass, or a stop). */
    private void awaitDecision(Predicate<Decision> until) {
      try {
        governor.await(until, VolunteerEngine.this::stopping, Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopSignal.countDown();
      }
    }

    private void failed(Exception e) {
      listener.error(e, true);
      pause(backoff.next());
    }

    /**
     * The units in hand whose deadline has not passed, oldest first: queued ones and ones an
     * earlier run left unfinished (each saved in the data directory when it was fetched). Units
     * past their deadline are dropped; the coordinator reissues them.
     */
    private List<WorkAssignment> heldUnits() throws IOException {
      List<WorkAssignment> held = new ArrayList<>();
      for (WorkAssignment unit : checkpoints.units()) {
        if (unit.deadlineMillis() > System.currentTimeMillis()) {
          held.add(unit);
          continue;
        }
        log.warn(
            "Dropping work unit {}: its deadline has passed, the coordinator reissues it",
            unit.workUnitId());
        checkpoints.remove(unit.workUnitId());
      }
      return held;
    }

    /**
     * Whether to ask for one more unit: fewer than the one in training plus {@link
     * EngineConfig#workBufferUnits()} are held, no more than {@link EngineConfig#maxUnits()} would
     * be, and the coordinator's last "no work" or a failed request is not too recent.
     */
    private boolean wantsMore(List<WorkAssignment> held) {
      if (held.size() >= 1 + config.workBufferUnits()) {
        return false;
      }
      if (config.maxUnits() > 0 && trained + held.size() >= config.maxUnits()) {
        return false;
      }
      return System.currentTimeMillis() >= nextAskMillis;
    }

    /**
     * Asks for one more unit, telling the coordinator what this host holds (queued units and
     * results waiting for upload), its measured speed and the work it has queued, and saves the
     * unit at once so that a restart trains it. Null if none came; a request that fails while units
     * are in hand is retried later and does not stop their training.
     */
    private WorkAssignment fetch(List<WorkAssignment> held, Decision decision) throws IOException {
      List<Long> ids = new ArrayList<>();
      double queuedSeconds = 0;
      for (WorkAssignment unit : held) {
        ids.add(unit.workUnitId());
        if (flopsPerSecond > 0) {
          queuedSeconds += (double) unit.flops() / flopsPerSecond;
        }
      }
      for (PendingResult result : pending.list()) {
        ids.add(result.report().workUnitId());
      }
      WorkRequest request =
          new WorkRequest(
              Math.min(config.threads(), decision.maxThreads()),
              Runtime.getRuntime().maxMemory(),
              ids,
              flopsPerSecond,
              queuedSeconds);
      activity.waiting("asking for work");
      WorkReply reply;
      try {
        reply = session.call(client -> client.requestWork(request));
      } catch (IOException e) {
        if (held.isEmpty() || stopping()) {
          throw e;
        }
        Duration wait = fetchBackoff.next();
        log.warn(
            "Could not ask for more work, training the {} unit(s) in hand; asking again in {}: {}",
            held.size(),
            wait,
            e.toString());
        nextAskMillis = System.currentTimeMillis() + wait.toMillis();
        return null;
      }
      fetchBackoff.reset();
      WorkAssignment unit = reply.assignment();
      if (unit == null) {
        nextAskMillis = System.currentTimeMillis() + 1000L * Math.max(1, reply.retryAfterSeconds());
        return null;
      }
      if (ids.contains(unit.workUnitId())) {
        // a coordinator from before heldUnits resends the unit in progress on this host: keep
        // the one in hand and do not ask again before the longest backoff, or this would spin
        log.info(
            "The coordinator sent work unit {} again, which this host holds; asking again in {}",
            unit.workUnitId(),
            timing.backoffMax());
        nextAskMillis = System.currentTimeMillis() + timing.backoffMax().toMillis();
        return null;
      }
      checkpoints.begin(unit);
      log.info("Work unit {} fetched; {} unit(s) in hand", unit.workUnitId(), held.size() + 1);
      return unit;
    }

    /**
     * Downloads the blobs of queued units so that they can train while transfers are not allowed; a
     * unit whose blobs cannot be fetched now is fetched again (and judged) when it trains.
     */
    private void prefetch(List<WorkAssignment> queued) {
      for (WorkAssignment unit : queued) {
        if (stopping() || !transfers.allowed()) {
          return;
        }
        try {
          trainer.prefetch(unit);
        } catch (IOException | RuntimeException e) {
          log.warn(
              "Could not fetch the blobs of queued unit {} yet: {}",
              unit.workUnitId(),
              e.toString());
        }
      }
    }

    private Upload resume(WorkAssignment unit) throws IOException {
      TrainingCheckpoint checkpoint = checkpoints.progress(unit.workUnitId());
      log.info(
          "Resuming work unit {} {}",
          unit.workUnitId(),
          checkpoint == null ? "from the start" : "from its checkpoint (" + checkpoint + ")");
      return work(unit, checkpoint);
    }

    /**
     * Trains {@code unit} (from {@code checkpoint} if not null), saves and hands in its result. A
     * unit that cannot be trained (its blobs are malformed or do not fit) is forgotten; one that
     * was cancelled or whose blobs could not be fetched stays checkpointed for later.
     */
    private Upload work(WorkAssignment unit, TrainingCheckpoint checkpoint) throws IOException {
      long need = UnitMemory.bytesNeeded(unit, trainer.threadsFor(unit, governor.current()));
      if (waitingForMemory == unit.workUnitId()) {
        waitingForMemory = -1;
        events.record("memory available: unit " + unit.workUnitId() + " continues");
      }
      activity.working(unit, checkpoint == null ? 0 : checkpoint.progress(), need);
      listener.workStarted(unit);
      if (checkpoint != null) {
        listener.workResumed(unit, checkpoint.progress());
      }
      UnitTrainer.Trained done;
      try {
        done = trainer.train(unit, checkpoint);
      } catch (CancelledException | UnitTrainer.MemoryShortage e) {
        throw e; // the unit stays checkpointed for later
      } catch (RuntimeException e) {
        checkpoints.remove(unit.workUnitId());
        throw e;
      }
      pending.save(done.result());
      checkpoints.remove(unit.workUnitId());
      trained++;
      // The effective speed under the limits in force (the throttle and pauses count), timed over
      // the training alone: on a small unit, downloading and checking the blobs would otherwise
      // dominate, and a host that ran small units would look too slow for any larger one and be
      // sent nothing.
      long nanos = done.trainingNanos();
      if (checkpoint == null && nanos > 0 && done.training().flops() > 0) {
        flopsPerSecond = Math.max(1, (long) (done.training().flops() * 1e9 / nanos));
        speed.save(flopsPerSecond);
      }
      activity.completed.incrementAndGet();
      activity.threads = 0;
      Upload upload;
      IOException failure = null;
      try {
        upload = handIn(done.result());
      } catch (IOException e) {
        upload = Upload.KEPT;
        failure = e;
      }
      listener.workFinished(
          unit,
          new WorkSummary(
              done.rows(),
              unit.localEpochs(),
              done.training().meanLoss(),
              done.training().flops(),
              Duration.ofMillis(done.elapsedMillis()),
              upload));
      activity.waiting(null);
      if (failure != null) {
        log.warn(
            "Could not upload the result of unit {}; it is kept and sent later: {}",
            unit.workUnitId(),
            failure.toString());
        listener.error(failure, true);
      }
      return upload;
    }

    /** Hands in results saved by earlier attempts; throws if the coordinator is unreachable. */
    private void handInSaved() throws IOException {
      for (PendingResult result : pending.list()) {
        if (stopping() || !transfers.allowed()) {
          return;
        }
        Upload upload = handIn(result);
        listener.savedResultUploaded(result.report().workUnitId(), upload == Upload.ACCEPTED);
      }
    }

    /** Uploads one result and forgets it once the coordinator has answered. */
    private Upload handIn(PendingResult result) throws IOException {
      long id = result.report().workUnitId();
      if (!transfers.allowed()) {
        log.info(
            "The result of unit {} waits on disk: {}", id, governor.current().transferReason());
        return Upload.KEPT;
      }
      try {
        ResultReply reply = transfers.upload(result);
        pending.remove(id);
        if (!reply.accepted()) {
          log.warn("The coordinator did not accept the result of unit {}: {}", id, reply.detail());
          return Upload.REJECTED;
        }
        // the coordinator's last "no work" is older than this result, which may have closed a
        // round: ask again now rather than a retry-after later
        nextAskMillis = 0;
        return Upload.ACCEPTED;
      } catch (CoordinatorException e) {
        if (retryable(e)) {
          throw e;
        }
        pending.remove(id);
        if (e.status() == 409) {
          log.warn("Dropping the result of unit {}: the unit is no longer ours", id);
        } else {
          log.warn(
              "Dropping the result of unit {}: the coordinator refused it: {}", id, e.getMessage());
        }
        return Upload.REJECTED;
      }
    }
  }
}
