package io.axon.core.engine;

import io.axon.core.protocol.WorkAssignment;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the engine is doing right now, for the status file: written by the work loop and the
 * training thread, read by the governor's thread.
 */
final class Activity {
  /** The unit in hand (downloading, training or uploading), or null. */
  volatile WorkAssignment unit;

  /** Training progress of {@link #unit}, 0 to 1. */
  volatile double progress;

  /** Training threads running now; 0 when none. */
  volatile int threads;

  /** Why no unit is being worked on ("no work from the coordinator"), or null. */
  volatile String waiting;

  /** Units trained in this run. */
  final AtomicInteger completed = new AtomicInteger();

  void working(WorkAssignment unit, double progress) {
    this.unit = unit;
    this.progress = progress;
    this.waiting = null;
  }

  void waiting(String why) {
    this.unit = null;
    this.threads = 0;
    this.progress = 0;
    this.waiting = why;
  }
}
