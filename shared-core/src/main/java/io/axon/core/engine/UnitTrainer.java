package io.axon.core.engine;

import io.axon.core.common.Sha256;
import io.axon.core.data.Dataset;
import io.axon.core.data.ShardFormat;
import io.axon.core.engine.PendingResults.PendingResult;
import io.axon.core.prefs.Decision;
import io.axon.core.protocol.BlobRef;
import io.axon.core.protocol.ResultReport;
import io.axon.core.protocol.WorkAssignment;
import io.axon.core.training.CheckpointException;
import io.axon.core.training.Kernel;
import io.axon.core.training.Model;
import io.axon.core.training.ModelFormat;
import io.axon.core.training.TrainingCheckpoint;
import io.axon.core.training.TrainingListener;
import io.axon.core.training.TrainingListener.CancelledException;
import io.axon.core.training.TrainingResult;
import java.io.IOException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Does one work unit: fetches its model and shard through the blob cache, decodes them, checks that
 * they fit the assignment, trains (from a checkpoint if one is given), saving a checkpoint every
 * {@code checkpointInterval}, when cancelled and when a suspension begins, and encodes the result.
 * Training follows the governor: it waits while suspended, rests under a throttle ({@link Pacing}),
 * and starts with no more threads than allowed; if the cap drops below the threads running, it
 * checkpoints, stops and continues from that checkpoint with fewer (the result does not depend on
 * the thread count). If the memory limit drops below what the unit needs ({@link UnitMemory}), it
 * checkpoints, stops and throws {@link MemoryShortage}, so that the unit's arrays are released
 * while it waits.
 */
final class UnitTrainer {
  private static final Logger log = LoggerFactory.getLogger(UnitTrainer.class);

  /** Progress within epochs is reported this many times per unit at most. */
  static final int PROGRESS_STEPS = 1000;

  private final BlobCache blobs;
  private final Transfers transfers;
  private final CheckpointStore checkpoints;
  private final Governor governor;
  private final Activity activity;
  private final int threads;
  private final String coordinatorUrl;
  private final long checkpointNanos;
  private final EngineListener listener;
  private final BooleanSupplier cancelled;

  UnitTrainer(
      BlobCache blobs,
      Transfers transfers,
      CheckpointStore checkpoints,
      Governor governor,
      Activity activity,
      EngineConfig config,
      EngineListener listener,
      BooleanSupplier cancelled) {
    this.blobs = blobs;
    this.transfers = transfers;
    this.checkpoints = checkpoints;
    this.governor = governor;
    this.activity = activity;
    this.threads = config.threads();
    this.coordinatorUrl = config.coordinatorUrl();
    this.checkpointNanos = config.checkpointInterval().toNanos();
    this.listener = listener;
    this.cancelled = cancelled;
  }

  /**
   * The training threads {@code unit} may use under {@code decision}: the configured number, capped
   * by the preferences (per project, a project being the job or the coordinator).
   */
  int threadsFor(WorkAssignment unit, Decision decision) {
    return Math.min(
        threads,
        Math.min(decision.threadsFor(unit.jobName()), decision.threadsFor(coordinatorUrl)));
  }

  /**
   * The memory limit fell below what the unit in training needs: it was checkpointed and stopped,
   * and continues from that checkpoint once it fits again.
   */
  static final class MemoryShortage extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient WorkAssignment unit;
    final long bytesNeeded;

    MemoryShortage(WorkAssignment unit, long bytesNeeded) {
      super("work unit " + unit.workUnitId() + " no longer fits the memory limit");
      this.unit = unit;
      this.bytesNeeded = bytesNeeded;
    }
  }

  /** A trained unit: the result to hand in, and the shard size for the progress line. */
  record Trained(
      PendingResult result,
      int rows,
      TrainingResult training,
      long elapsedMillis,
      long trainingNanos) {}

  /**
   * Trains {@code unit}, continuing from {@code resumeFrom} unless it is null. A checkpoint that
   * turns out to belong to another run is discarded and the unit trained from the start.
   *
   * @throws IOException if a blob cannot be fetched
   * @throws IllegalArgumentException if the blobs are malformed or do not fit the assignment
   * @throws TrainingListener.CancelledException if the engine is stopped meanwhile (a checkpoint is
   *     saved first)
   */
  Trained train(WorkAssignment unit, TrainingCheckpoint resumeFrom) throws IOException {
    Model start = ModelFormat.decode(fetch(unit.modelBlob()));
    if (!start.spec().equals(unit.model())) {
      throw new IllegalArgumentException(
          "work unit " + unit.workUnitId() + " expects " + unit.model() + ", got " + start.spec());
    }
    Dataset shard = ShardFormat.decode(fetch(unit.shardBlob()));
    if (shard.features() != unit.model().inputs()) {
      throw new IllegalArgumentException(
          "work unit "
              + unit.workUnitId()
              + " expects "
              + unit.model().inputs()
              + " features, the shard has "
              + shard.features());
    }
    long began = System.nanoTime();
    Kernel kernel = Kernel.forSpec(unit.model());
    TrainingCheckpoint from = resumeFrom;
    TrainingResult trained;
    while (true) {
      int used = threadsFor(unit, governor.current());
      Progress progress = new Progress(unit, used);
      activity.threads = used;
      try {
        trained = train(kernel, start, shard, unit, used, progress, from, from == resumeFrom);
        break;
      } catch (CancelledException e) {
        if (cancelled.getAsBoolean() || progress.saved == null) {
          throw e;
        }
        if (progress.memoryShort) {
          throw new MemoryShortage(unit, progress.memoryNeeded);
        }
        if (!progress.fewerThreads) {
          throw e;
        }
        // the limit dropped mid-unit: continue from the checkpoint just taken, to the same bits
        from = progress.saved;
        log.info(
            "Work unit {} continues with {} training threads instead of {}",
            unit.workUnitId(),
            threadsFor(unit, governor.current()),
            used);
      } finally {
        activity.threads = 0;
      }
    }
    long trainingNanos = System.nanoTime() - began;
    long elapsedMillis = trainingNanos / 1_000_000;
    byte[] model = ModelFormat.encode(trained.model());
    ResultReport report =
        new ResultReport(
            unit.workUnitId(),
            Sha256.hex(model),
            trained.meanLoss(),
            trained.samples(),
            trained.flops(),
            elapsedMillis);
    return new Trained(
        new PendingResult(report, model), shard.rows(), trained, elapsedMillis, trainingNanos);
  }

  /**
   * Trains with {@code from} as the starting point if not null. A checkpoint that the kernel finds
   * does not belong to this unit is discarded and the unit trained from the start, if it came from
   * disk ({@code fromDisk}); one taken in this run is always right.
   */
  private TrainingResult train(
      Kernel kernel,
      Model start,
      Dataset shard,
      WorkAssignment unit,
      int threads,
      Progress progress,
      TrainingCheckpoint from,
      boolean fromDisk)
      throws IOException {
    try {
      return kernel.train(
          start,
          shard,
          unit.hyperparameters(),
          unit.localEpochs(),
          unit.seed(),
          threads,
          progress,
          from);
    } catch (CheckpointException e) {
      if (from == null || !fromDisk) {
        throw e;
      }
      checkpoints.discardProgress(unit.workUnitId(), e.getMessage());
      return kernel.train(
          start, shard, unit.hyperparameters(), unit.localEpochs(), unit.seed(), threads, progress);
    }
  }

  /** Downloads the unit's model and shard into the blob cache unless they are there already. */
  void prefetch(WorkAssignment unit) throws IOException {
    fetch(unit.modelBlob());
    fetch(unit.shardBlob());
  }

  private byte[] fetch(BlobRef blob) throws IOException {
    return blobs.get(blob.sha256(), transfers::download);
  }

  /** Relays epochs to the engine listener, and saves checkpoints on time and on a stop. */
  private final class Progress implements TrainingListener {
    private final WorkAssignment unit;
    private final int threads;
    private final Pacing pacing = new Pacing(governor, cancelled);
    private final long memoryNeeded;
    private long lastSaved = System.nanoTime();
    private int polls;
    private long batchesPerStep;
    private long sinceStep;

    /** The memory limit fell below {@link #memoryNeeded}: checkpoint, stop, wait for memory. */
    boolean memoryShort;

    /** The limit on threads fell below {@link #threads}: checkpoint, stop, continue with fewer. */
    boolean fewerThreads;

    /** The last checkpoint taken, or null. */
    TrainingCheckpoint saved;

    Progress(WorkAssignment unit, int threads) {
      this.unit = unit;
      this.threads = threads;
      this.memoryNeeded = UnitMemory.bytesNeeded(unit, threads);
    }

    /**
     * Reports progress within epochs every {@link #PROGRESS_STEPS}th of the unit's mini-batches:
     * counting needs no clock, and the engine listener hears of it a bounded number of times.
     */
    @Override
    public void batchFinished(int epoch, int epochs, int batch, int batches) {
      if (batchesPerStep == 0) {
        batchesPerStep = Math.max(1, (long) batches * epochs / PROGRESS_STEPS);
      }
      if (++sinceStep < batchesPerStep || batch == batches) {
        return; // the end of an epoch is reported by epochFinished
      }
      sinceStep = 0;
      double progress = (epoch - 1 + (double) batch / batches) / epochs;
      activity.progress = progress;
      listener.trainingProgress(unit, progress);
    }

    @Override
    public void epochFinished(int epoch, int epochs, double meanLoss) {
      sinceStep = 0;
      activity.progress = (double) epoch / epochs;
      listener.epochFinished(unit, epoch, epochs, meanLoss);
    }

    @Override
    public boolean isCancelled() {
      return fewerThreads || memoryShort || cancelled.getAsBoolean();
    }

    /**
     * Due when the interval has passed (the clock is read every eighth mini-batch: reading it on
     * every one costs a tiny logistic regression about 4 %), when the engine is stopping, when a
     * suspension begins, when fewer threads are allowed than are running, or when the unit no
     * longer fits the memory limit.
     */
    @Override
    public boolean checkpointDue() {
      if (pacing.suspensionBegins()) {
        return true;
      }
      Decision decision = governor.current();
      if (!fewerThreads && threads > threadsFor(unit, decision)) {
        fewerThreads = true;
        return true;
      }
      if (!memoryShort && !UnitMemory.fits(memoryNeeded, decision)) {
        memoryShort = true;
        return true;
      }
      return ((++polls & 7) == 0 && System.nanoTime() - lastSaved >= checkpointNanos)
          || cancelled.getAsBoolean();
    }

    @Override
    public void awaitPermission() throws InterruptedException {
      pacing.awaitPermission();
    }

    @Override
    public void checkpoint(TrainingCheckpoint checkpoint) {
      lastSaved = System.nanoTime();
      saved = checkpoint;
      activity.progress = checkpoint.progress();
      try {
        checkpoints.save(unit.workUnitId(), checkpoint);
      } catch (IOException e) {
        // training goes on; only the work since the last good checkpoint is at risk
        log.warn(
            "Could not save a checkpoint of work unit {}: {}", unit.workUnitId(), e.toString());
        return;
      }
      listener.checkpointSaved(unit, checkpoint.progress());
    }
  }
}
