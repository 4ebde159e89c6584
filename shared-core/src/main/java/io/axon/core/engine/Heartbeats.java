package io.axon.core.engine;

import io.axon.core.protocol.Heartbeat;
import io.axon.core.protocol.Heartbeat.HostState;
import io.axon.core.protocol.HeartbeatReply;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the coordinator on its own daemon thread that this host is alive and what it is doing, as
 * often as the coordinator asks ({@link HeartbeatReply#nextHeartbeatSeconds()}). A failed heartbeat
 * is logged once and retried at the last interval; the work loop is never held up.
 */
final class Heartbeats implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);
  static final int DEFAULT_SECONDS = 30;
  private static final int MAX_SECONDS = 3600;

  private final CoordinatorSession session;
  private final int threads;
  private final ScheduledExecutorService scheduler;
  private volatile Heartbeat current;
  private int intervalSeconds = DEFAULT_SECONDS;
  private boolean failing;

  Heartbeats(CoordinatorSession session, int threads) {
    this.session = session;
    this.threads = threads;
    this.current = new Heartbeat(HostState.IDLE, null, threads);
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

  void working(long workUnitId) {
    current = new Heartbeat(HostState.WORKING, workUnitId, threads);
  }

  void idle() {
    current = new Heartbeat(HostState.IDLE, null, threads);
  }

  private void beat() {
    try {
      HeartbeatReply reply = session.call(client -> client.heartbeat(current));
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
