package io.axon.core.engine;

import io.axon.core.protocol.Heartbeat;
import io.axon.core.protocol.HeartbeatReply;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the coordinator on its own daemon thread that this host is alive and what it is doing right
 * now (the state, the unit and the training threads actually running, asked of {@code current} at
 * each beat), as often as the coordinator asks ({@link HeartbeatReply#nextHeartbeatSeconds()}).
 * Each heartbeat carries the client's last measured round-trip time ({@link
 * io.axon.core.client.CoordinatorClient#lastRttMillis()}), which the coordinator's host table
 * shows. A failed heartbeat is logged once and retried at the last interval; the work loop is never
 * held up.
 */
final class Heartbeats implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);
  static final int DEFAULT_SECONDS = 30;
  private static final int MAX_SECONDS = 3600;

  private final CoordinatorSession session;
  private final Supplier<Heartbeat> current;
  private final ScheduledExecutorService scheduler;
  private int intervalSeconds = DEFAULT_SECONDS;
  private boolean failing;

  /** Sends what {@code current} says, with the measured round-trip time. */
  Heartbeats(CoordinatorSession session, Supplier<Heartbeat> current) {
    this.session = session;
    this.current = current;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "axon-heartbeat");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Sends the first heartbeat now and schedules the next ones. */
  void start() {
    scheduler.execute(this::beat);
  }

  private void beat() {
    try {
      Heartbeat now = current.get();
      OptionalLong rtt = session.lastRttMillis();
      Heartbeat sent =
          new Heartbeat(
              now.state(),
              now.workUnitId(),
              now.threads(),
              rtt.isPresent() ? rtt.getAsLong() : null);
      HeartbeatReply reply = session.call(client -> client.heartbeat(sent));
      intervalSeconds = Math.max(1, Math.min(MAX_SECONDS, reply.nextHeartbeatSeconds()));
      if (failing) {
        log.info("Heartbeats reach the coordinator again");
        failing = false;
      }
    } catch (Exception e) {
      if (!failing) {
        log.warn("Heartbeat failed, retrying every {} s: {}", intervalSeconds, e.toString());
        failing = true;
      }
    }
    if (!scheduler.isShutdown()) {
      try {
        scheduler.schedule(this::beat, intervalSeconds, TimeUnit.SECONDS);
      } catch (RejectedExecutionException e) {
        // closed meanwhile
      }
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
