package io.axon.android;

import static org.awaitility.Awaitility.await;

import io.axon.android.VolunteerStatus.UnitProgress;
import io.axon.android.engine.EngineHost;
import io.axon.core.engine.VolunteerEngine;
import java.time.Duration;

/**
 * Keeps a unit in training for as long as a test needs it, whatever this machine's speed: once the
 * unit's progress has reached a share, the engine's thread is held where it tells the {@link
 * EngineHost} (the end of an epoch, or the start of a resumed run) until an engine is asked to stop
 * or the hold is closed. A unit sized to take "a few seconds" is done in one on a quiet machine; a
 * held one is still in training when the phone's conditions break.
 *
 * <p>After the hold lets go, training goes on to its next mini-batch, where it sees the stop,
 * checkpoints and ends, as it would on a slow phone.
 */
public final class HeldTraining implements AutoCloseable {
  /** How often a held thread looks whether an engine is being stopped. */
  private static final long LOOK_MILLIS = 20;

  private final EngineHost host;
  private final double share;
  private volatile boolean closed;

  private HeldTraining(EngineHost host, double share) {
    this.host = host;
    this.share = share;
  }

  /** Holds the engines of {@code host} once their unit is {@code share} (0 to 1) done. */
  public static HeldTraining at(EngineHost host, double share) {
    HeldTraining hold = new HeldTraining(host, share);
    host.addListener(hold::reported);
    return hold;
  }

  private void reported() {
    // the host also reports from the threads that stop it; only a training thread is held
    if (closed || !Thread.currentThread().getName().startsWith("axon-engine")) {
      return;
    }
    UnitProgress unit = host.unit();
    if (unit == null || unit.progress() < share) {
      return;
    }
    try {
      // no event says a stop request reached the engine: its thread's state is looked at instead
      await()
          .forever()
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(LOOK_MILLIS))
          .until(() -> closed || anEngineIsStopping());
    } catch (Exception e) {
      // Awaitility ends a wait whose thread is interrupted with an exception (checked or not,
      // rethrown as it came): let the thread go on to see the interrupt, as before
      Thread.currentThread().interrupt();
    }
  }

  /**
   * True while a thread waits in {@link VolunteerEngine#stop()}: it gives the stop signal first,
   * then waits for the engine to end, so a waiting one has given it. The service stops engines on
   * its own worker thread, and nothing else shows that its request has reached the engine.
   */
  private static boolean anEngineIsStopping() {
    for (var thread : Thread.getAllStackTraces().entrySet()) {
      if (thread.getKey().getState() == Thread.State.RUNNABLE) {
        continue;
      }
      for (StackTraceElement frame : thread.getValue()) {
        if (frame.getClassName().equals(VolunteerEngine.class.getName())
            && frame.getMethodName().equals("stop")) {
          return true;
        }
      }
    }
    return false;
  }

  /** Lets every held thread go, now and from now on. */
  @Override
  public void close() {
    closed = true;
  }
}
