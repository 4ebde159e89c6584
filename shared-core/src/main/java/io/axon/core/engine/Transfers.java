package io.axon.core.engine;

import io.axon.core.engine.PendingResults.PendingResult;
import io.axon.core.prefs.Decision;
import io.axon.core.prefs.Preferences.NetworkLimits;
import io.axon.core.prefs.TransferBudget;
import io.axon.core.protocol.ResultReply;
import io.axon.core.training.TrainingListener.CancelledException;
import java.io.IOException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads and uploads under the governor's decisions: none while transfers are paused (network
 * schedule, transfer cap, snooze), every byte counted in the {@link TransferBudget}, and the
 * average rate held to the preferences' caps by resting after a transfer that went too fast.
 */
final class Transfers {
  private static final Logger log = LoggerFactory.getLogger(Transfers.class);
  private static final Duration LONG_WAIT = Duration.ofHours(1);

  private final CoordinatorSession session;
  private final Governor governor;
  private final TransferBudget budget;
  private final Activity activity;
  private final BooleanSupplier stopping;
  private final Supplier<NetworkLimits> limits;

  Transfers(
      CoordinatorSession session,
      Governor governor,
      TransferBudget budget,
      Supplier<NetworkLimits> limits,
      Activity activity,
      BooleanSupplier stopping) {
    this.session = session;
    this.governor = governor;
    this.budget = budget;
    this.limits = limits;
    this.activity = activity;
    this.stopping = stopping;
  }

  boolean allowed() {
    return governor.current().transfersAllowed();
  }

  /**
   * Downloads blob {@code sha256}, first waiting while transfers are paused.
   *
   * @throws CancelledException if the engine stops while waiting
   */
  byte[] download(String sha256) throws IOException {
    awaitAllowed();
    long began = System.nanoTime();
    byte[] bytes = session.call(client -> client.downloadBlob(sha256));
    counted(bytes.length, began, limits.get().maxDownloadKilobytesPerSecond());
    return bytes;
  }

  /** Uploads {@code result}; the caller checks {@link #allowed()} first. */
  ResultReply upload(PendingResult result) throws IOException {
    long began = System.nanoTime();
    ResultReply reply =
        session.call(client -> client.reportResult(result.report(), result.model()));
    counted(result.model().length, began, limits.get().maxUploadKilobytesPerSecond());
    return reply;
  }

  private void awaitAllowed() {
    if (allowed()) {
      return;
    }
    activity.waiting = "waiting to download: " + governor.current().transferReason();
    try {
      while (!governor.await(Decision::transfersAllowed, stopping, LONG_WAIT)) {
        if (stopping.getAsBoolean()) {
          throw new CancelledException();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancelledException();
    } finally {
      activity.waiting = null;
    }
  }

  private void counted(long bytes, long beganNanos, long kilobytesPerSecond) {
    try {
      budget.record(bytes);
    } catch (IOException e) {
      log.warn("Could not count {} transferred bytes: {}", bytes, e.toString());
    }
    if (kilobytesPerSecond <= 0) {
      return;
    }
    long due = bytes * 1_000_000L / kilobytesPerSecond; // nanoseconds at 1,000 bytes per KB
    long left = due - (System.nanoTime() - beganNanos);
    if (left > 0) {
      try {
        governor.await(d -> false, stopping, Duration.ofNanos(left));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
