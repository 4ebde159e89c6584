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

  /**
   * Why {@link #unit} is held back although computing is allowed ("waiting for memory: ..."), or
   * null; the status shows the unit as suspended.
   */
  volatile String heldBack;

  /** The memory {@link #unit} needs, in bytes; 0 when none. */
  volatile long memoryBytes;

  /** Units trained in this run. */
  final AtomicInteger completed = new AtomicInteger();

  void working(WorkAssignment unit, double progress, long memoryBytes) {
    this.unit = unit;
    this.progress = progress;
    this.memoryBytes = memoryBytes;
    this.waiting = null;
    this.heldBack = null;
  }

  /** {@code unit} is in hand at {@code progress} but may not train now, because of {@code why}. */
  void heldBack(WorkAssignment unit, double progress, long memoryBytes, String why) {
    working(unit, progress, memoryBytes);
    this.threads = 0;
    this.heldBack = why;
  }

  void waiting(String why) {
    this.unit = null;
    this.threads = 0;
    this.progress = 0;
    this.memoryBytes = 0;
    this.waiting = why;
    this.heldBack = null;
  }
}
