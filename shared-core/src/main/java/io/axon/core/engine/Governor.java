package io.axon.core.engine;

import io.axon.core.eventlog.EventLog;
import io.axon.core.monitor.Readings;
import io.axon.core.monitor.ResourceMonitor;
import io.axon.core.prefs.ComputePolicy;
import io.axon.core.prefs.Decision;
import io.axon.core.prefs.Preferences;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the {@link ComputePolicy} every period (a second) what may run, given the monitor's readings
 * and the preferences in force, and publishes the {@link Decision} to the work loop, the training
 * thread and the transfers. Every change goes to the event log with its reason. Threads that wait
 * for a decision are woken as soon as it changes, so the engine reacts within one period plus the
 * monitor's cache time.
 */
final class Governor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Governor.class);

  /** What else runs after each decision (the status file). */
  interface Tick {
    void after(Decision decision);
  }

  private final ResourceMonitor monitor;
  private final Supplier<Preferences> preferences;
  private final ComputePolicy policy;
  private final EventLog events;
  private final EngineListener listener;
  private final Object lock = new Object();
  private volatile Decision decision;
  private String preferencesProblem;
  private ScheduledExecutorService scheduler;

  Governor(
      ResourceMonitor monitor,
      Supplier<Preferences> preferences,
      ComputePolicy policy,
      EventLog events,
      EngineListener listener) {
    this.monitor = monitor;
    this.preferences = preferences;
    this.policy = policy;
    this.events = events;
    this.listener = listener;
  }

  /**
   * Takes a decision now and then every {@code period} on a daemon thread, running {@code tick}.
   */
  void start(Duration period, Tick tick) {
    decide();
    tick.after(decision);
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "axon-governor");
              thread.setDaemon(true);
              return thread;
            });
    long millis = period.toMillis();
    scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            tick.after(decide());
          } catch (RuntimeException e) {
            // a failing tick must not end the schedule: the engine would lose its limits
            log.warn("Could not apply the preferences this time", e);
          }
        },
        millis,
        millis,
        TimeUnit.MILLISECONDS);
  }

  /** The decision in force; null before {@link #start}. */
  Decision current() {
    return decision;
  }

  /** Reads the preferences and the machine, decides, records and publishes what changed. */
  Decision decide() {
    applyPreferences();
    Readings readings;
    try {
      readings = monitor.read();
    } catch (RuntimeException e) {
      if (decision == null) {
        throw e; // nothing to go on: the engine cannot start
      }
      log.warn("The resource monitor failed; keeping the last decision", e);
      return decision;
    }
    Decision previous = decision;
    Decision next = policy.decide(readings);
    List<String> changes = next.changesSince(previous);
    for (String change : changes) {
      events.record(change);
      log.info("{}", change);
    }
    synchronized (lock) {
      decision = next;
      lock.notifyAll();
    }
    if (!changes.isEmpty()) {
      listener.decided(next, changes);
    }
    return next;
  }

  private void applyPreferences() {
    Preferences wanted;
    try {
      wanted = preferences.get();
      preferencesProblem = null;
    } catch (RuntimeException e) {
      String problem = "preferences not applied, the last valid ones stay in force: " + e;
      if (!problem.equals(preferencesProblem)) {
        preferencesProblem = problem;
        events.record(problem);
        log.warn("{}", problem);
      }
      return;
    }
    if (wanted != null && !wanted.equals(policy.preferences())) {
      policy.update(wanted);
    }
  }

  /**
   * Blocks until the decision satisfies {@code until}, {@code stop} turns true, or {@code max}
   * passed; true if the decision satisfies it.
   */
  boolean await(Predicate<Decision> until, BooleanSupplier stop, Duration max)
      throws InterruptedException {
    long end = System.nanoTime() + max.toNanos();
    synchronized (lock) {
      while (!until.test(decision) && !stop.getAsBoolean()) {
        long left = end - System.nanoTime();
        if (left <= 0) {
          break;
        }
        // woken by every decision and by stop(); the short cap also catches a missed stop signal
        lock.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
      }
      return until.test(decision);
    }
  }

  /** Wakes every waiting thread, e.g. because the engine stops. */
  void wake() {
    synchronized (lock) {
      lock.notifyAll();
    }
  }

  @Override
  public void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      try {
        scheduler.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    wake();
  }
}
