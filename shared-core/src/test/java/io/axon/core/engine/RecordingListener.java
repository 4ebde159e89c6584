package io.axon.core.engine;

import io.axon.core.protocol.WorkAssignment;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;

/** Records what an engine reports, for assertions. Thread-safe. */
public final class RecordingListener implements EngineListener {
  /** One {@link #registered} call. */
  public record Registration(long hostId, boolean newlyRegistered) {}

  public final List<Registration> registrations = new CopyOnWriteArrayList<>();
  public final List<WorkAssignment> started = new CopyOnWriteArrayList<>();
  public final List<Integer> epochs = new CopyOnWriteArrayList<>();
  public final List<WorkSummary> finished = new CopyOnWriteArrayList<>();
  public final List<Long> savedUploads = new CopyOnWriteArrayList<>();
  public final List<Duration> idles = new CopyOnWriteArrayList<>();
  public final List<Throwable> errors = new CopyOnWriteArrayList<>();
  public final List<Double> resumed = new CopyOnWriteArrayList<>();
  public final List<Double> checkpoints = new CopyOnWriteArrayList<>();
  public final List<Double> progress = new CopyOnWriteArrayList<>();

  /**
   * Runs on the training thread at the end of each epoch (given 1-based), after it is recorded: a
   * test may hold training there, at a known point of the unit.
   */
  public volatile IntConsumer atEpochEnd = epoch -> {};

  @Override
  public void registered(long hostId, String coordinatorUrl, boolean newlyRegistered) {
    registrations.add(new Registration(hostId, newlyRegistered));
  }

  @Override
  public void workStarted(WorkAssignment unit) {
    started.add(unit);
  }

  @Override
  public void workResumed(WorkAssignment unit, double progress) {
    resumed.add(progress);
  }

  @Override
  public void checkpointSaved(WorkAssignment unit, double progress) {
    checkpoints.add(progress);
  }

  @Override
  public void trainingProgress(WorkAssignment unit, double progress) {
    this.progress.add(progress);
  }

  @Override
  public void epochFinished(WorkAssignment unit, int epoch, int epochs, double meanLoss) {
    this.epochs.add(epoch);
    atEpochEnd.accept(epoch);
  }

  @Override
  public void workFinished(WorkAssignment unit, WorkSummary summary) {
    finished.add(summary);
  }

  @Override
  public void savedResultUploaded(long workUnitId, boolean accepted) {
    savedUploads.add(workUnitId);
  }

  @Override
  public void idle(Duration retryAfter) {
    idles.add(retryAfter);
  }

  @Override
  public void error(Throwable error, boolean willRetry) {
    errors.add(error);
  }
}
