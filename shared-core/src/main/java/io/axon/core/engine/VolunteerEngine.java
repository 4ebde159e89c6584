package io.axon.core.engine;

import io.axon.core.client.CoordinatorClient;
import io.axon.core.client.CoordinatorException;
import io.axon.core.engine.PendingResults.PendingResult;
import io.axon.core.engine.WorkSummary.Upload;
import io.axon.core.protocol.HostRegistration;
import io.axon.core.protocol.ResultReply;
import io.axon.core.protocol.WorkAssignment;
import io.axon.core.protocol.WorkReply;
import io.axon.core.protocol.WorkRequest;
import io.axon.core.training.TrainingCheckpoint;
import io.axon.core.training.TrainingListener.CancelledException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
 * <p>{@link #run()} blocks on the calling thread; {@link #stop()} may be called from any other
 * thread, e.g. a shutdown hook, and cancels a running training.
 */
public final class VolunteerEngine {
  private static final Logger log = LoggerFactory.getLogger(VolunteerEngine.class);

  private enum State {
    NEW,
    RUNNING,
    ENDED
  }

  private final EngineConfig config;
  private final EngineListener listener;
  private final Timing timing;
  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private final CountDownLatch stopSignal = new CountDownLatch(1);
  private final CountDownLatch ended = new CountDownLatch(1);
  private volatile Thread runner;

  /**
   * Waits and limits; tests shorten them. The engine's own backoff comes on top of the client's
   * retries of a single call ({@code clientAttempts}, starting at {@code clientRetryDelay}).
   */
  record Timing(
      Duration backoffStart,
      Duration backoffMax,
      Duration stopWait,
      int clientAttempts,
      Duration clientRetryDelay) {
    static final Timing DEFAULT =
        new Timing(
            Duration.ofSeconds(1),
            Duration.ofSeconds(60),
            Duration.ofSeconds(5),
            4,
            Duration.ofMillis(500));
  }

  private VolunteerEngine(EngineConfig config, EngineListener listener, Timing timing) {
    this.config = config;
    this.listener = listener;
    this.timing = timing;
  }

  /** An engine that reports what it does to {@code listener}; nothing runs until {@link #run()}. */
  public static VolunteerEngine create(EngineConfig config, EngineListener listener) {
    return create(config, listener, Timing.DEFAULT);
  }

  static VolunteerEngine create(EngineConfig config, EngineListener listener, Timing timing) {
    if (config == null || listener == null) {
      throw new IllegalArgumentException("config and listener are required");
    }
    return new VolunteerEngine(config, listener, timing);
  }

  public EngineConfig config() {
    return config;
  }

  /**
   * Works until {@link #stop()} is called or {@link EngineConfig#maxUnits()} units are done and
   * handed in. Can be called once.
   *
   * @throws IOException if the data directory is unusable (e.g. in use by another volunteer) or the
   *     coordinator refuses to register this host
   */
  public void run() throws IOException {
    if (!state.compareAndSet(State.NEW, State.RUNNING)) {
      throw new IllegalStateException("an engine runs once; create a new one");
    }
    runner = Thread.currentThread();
    try (DataDirectory dir = DataDirectory.open(config.dataDir());
        CoordinatorClient client = client()) {
      CoordinatorSession session =
          new CoordinatorSession(
              client,
              dir.identity(),
              config.coordinatorUrl(),
              registration(),
              hostId -> listener.registered(hostId, config.coordinatorUrl(), true));
      if (!startSession(session)) {
        return;
      }
      try (Heartbeats heartbeats = new Heartbeats(session, config.threads())) {
        heartbeats.start();
        new Loop(session, dir, heartbeats).run();
      }
    } catch (IOException | RuntimeException e) {
      listener.error(e, false);
      throw e;
    } finally {
      state.set(State.ENDED);
      ended.countDown();
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
    return CoordinatorClient.builder(config.coordinatorUrl())
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
        "axon-engine " + EngineVersion.get());
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
    private final Heartbeats heartbeats;
    private final Backoff backoff = new Backoff(timing.backoffStart(), timing.backoffMax());
    private final WorkRequest request =
        new WorkRequest(config.threads(), Runtime.getRuntime().maxMemory());
    private int trained;

    Loop(CoordinatorSession session, DataDirectory dir, Heartbeats heartbeats) {
      this.session = session;
      this.pending = dir.pending();
      this.checkpoints = dir.checkpoints();
      this.heartbeats = heartbeats;
      this.trainer =
          new UnitTrainer(
              dir.blobs(),
              session,
              checkpoints,
              config.threads(),
              config.checkpointInterval(),
              listener,
              VolunteerEngine.this::stopping);
    }

    void run() {
      while (!stopping()) {
        try {
          handInSaved();
          if (config.maxUnits() > 0 && trained >= config.maxUnits()) {
            log.info("Done: {} work units trained and handed in", trained);
            return;
          }
          WorkAssignment interrupted = interruptedUnit();
          if (interrupted != null) {
            if (resume(interrupted) == Upload.KEPT) {
              pause(backoff.next());
            } else {
              backoff.reset();
            }
            continue;
          }
          WorkReply reply = session.call(client -> client.requestWork(request));
          if (reply.assignment() == null) {
            Duration wait = Duration.ofSeconds(Math.max(1, reply.retryAfterSeconds()));
            listener.idle(wait);
            backoff.reset();
            pause(wait);
            continue;
          }
          checkpoints.begin(reply.assignment());
          if (work(reply.assignment(), null) == Upload.KEPT) {
            pause(backoff.next());
          } else {
            backoff.reset();
          }
        } catch (CancelledException e) {
          log.info("Training cancelled: stopping");
          return;
        } catch (IOException e) {
          if (stopping()) {
            return;
          }
          log.warn("Coordinator call failed, backing off: {}", e.toString());
          failed(e);
        } catch (RuntimeException e) {
          // a unit whose blobs do not fit its assignment, or a bug: report it, keep volunteering
          log.warn("Work unit failed, backing off", e);
          failed(e);
        } finally {
          heartbeats.idle();
        }
      }
    }

    private void failed(Exception e) {
      listener.error(e, true);
      pause(backoff.next());
    }

    /** The oldest unit an earlier run left unfinished whose deadline has not passed, or null. */
    private WorkAssignment interruptedUnit() throws IOException {
      for (WorkAssignment unit : checkpoints.units()) {
        if (unit.deadlineMillis() > System.currentTimeMillis()) {
          return unit;
        }
        log.warn(
            "Dropping interrupted work unit {}: its deadline has passed, the coordinator reissues"
                + " it",
            unit.workUnitId());
        checkpoints.remove(unit.workUnitId());
      }
      return null;
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
      heartbeats.working(unit.workUnitId());
      listener.workStarted(unit);
      if (checkpoint != null) {
        listener.workResumed(unit, checkpoint.progress());
      }
      UnitTrainer.Trained done;
      try {
        done = trainer.train(unit, checkpoint);
      } catch (CancelledException e) {
        throw e;
      } catch (RuntimeException e) {
        checkpoints.remove(unit.workUnitId());
        throw e;
      }
      pending.save(done.result());
      checkpoints.remove(unit.workUnitId());
      trained++;
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
        if (stopping()) {
          return;
        }
        Upload upload = handIn(result);
        listener.savedResultUploaded(result.report().workUnitId(), upload == Upload.ACCEPTED);
      }
    }

    /** Uploads one result and forgets it once the coordinator has answered. */
    private Upload handIn(PendingResult result) throws IOException {
      long id = result.report().workUnitId();
      try {
        ResultReply reply =
            session.call(client -> client.reportResult(result.report(), result.model()));
        pending.remove(id);
        if (!reply.accepted()) {
          log.warn("The coordinator did not accept the result of unit {}: {}", id, reply.detail());
          return Upload.REJECTED;
        }
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
