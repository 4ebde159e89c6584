package io.axon.desktop.volunteering;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the engines what they do once a second on a background thread and hands the snapshot to the
 * FX thread, so that the UI never waits on an engine.
 */
@Singleton
public final class StatusPoller implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StatusPoller.class);
  static final long PERIOD_MILLIS = 1000;

  private final VolunteerService service;
  private final VolunteerModel model;
  private ScheduledExecutorService scheduler;

  @Inject
  StatusPoller(VolunteerService service, VolunteerModel model) {
    this.service = service;
    this.model = model;
  }

  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread t = new Thread(task, "axon-desktop-poller");
              t.setDaemon(true);
              t.setPriority(Thread.MIN_PRIORITY);
              return t;
            });
    scheduler.scheduleWithFixedDelay(this::poll, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Polls once more right away, e.g. after the volunteer pressed a button. */
  public void pollSoon() {
    ScheduledExecutorService s = scheduler;
    if (s != null && !s.isShutdown()) {
      s.execute(this::poll);
    }
  }

  private void poll() {
    try {
      VolunteerSnapshot snapshot = service.snapshot();
      Platform.runLater(() -> model.update(snapshot));
    } catch (RuntimeException e) {
      log.warn("Could not read the engines' status", e);
    }
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }
}
