package io.axon.coordinator.workunit;

import io.axon.coordinator.CoordinatorConfig;
import io.axon.coordinator.db.Database;
import io.axon.coordinator.job.JobDao;
import io.axon.coordinator.job.JobRow;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background thread that moves work forward (BOINC's transitioner and assimilator in one): on
 * start-up, every few seconds and whenever a result arrives, it returns overdue work units to the
 * pool and closes every round whose units are all done. One thread, so rounds are closed one at a
 * time; all state is in the database, so a restarted coordinator simply continues.
 */
@Singleton
public final class Transitioner {
  private static final Logger log = LoggerFactory.getLogger(Transitioner.class);

  private final Jdbi jdbi;
  private final Assimilator assimilator;
  private final Clock clock;
  private final long periodMillis;
  private ScheduledExecutorService executor;

  @Inject
  public Transitioner(
      Database database, Assimilator assimilator, Clock clock, CoordinatorConfig config) {
    this.jdbi = database.jdbi();
    this.assimilator = assimilator;
    this.clock = clock;
    this.periodMillis = config.transitionerPeriod().toMillis();
  }

  public synchronized void start() {
    if (executor != null) {
      throw new IllegalStateException("already started");
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "axon-transitioner");
              thread.setDaemon(true);
              return thread;
            });
    executor.scheduleWithFixedDelay(this::pass, 0, periodMillis, TimeUnit.MILLISECONDS);
  }

  /** Asks for the current round of {@code jobId} to be closed if it is complete. */
  public synchronized void roundMayBeComplete(long jobId) {
    if (executor == null) {
      return;
    }
    try {
      executor.execute(() -> assimilate(jobId));
    } catch (RejectedExecutionException stopping) {
      // the start-up pass of the next run picks the round up
    }
  }

  /** Finishes the task in hand (a round being closed) and stops. */
  public void stop() {
    ScheduledExecutorService stopping;
    synchronized (this) {
      stopping = executor;
      executor = null;
    }
    if (stopping == null) {
      return;
    }
    stopping.shutdown();
    try {
      if (!stopping.awaitTermination(60, TimeUnit.SECONDS)) {
        stopping.shutdownNow();
      }
    } catch (InterruptedException e) {
      stopping.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private void pass() {
    try {
      long now = clock.millis();
      for (WorkUnitRow unit : jdbi.inTransaction(h -> WorkUnits.expireOverdue(h, now))) {
        log.info(
            "work unit {} (job {} round {}) missed its deadline on host {}; sending it again",
            unit.id(),
            unit.jobId(),
            unit.round(),
            unit.hostId());
      }
      List<Long> running = jdbi.withHandle(h -> h.attach(JobDao.class).running());
      for (long jobId : running) {
        assimilate(jobId);
      }
    } catch (RuntimeException e) {
      log.error("transitioner pass failed; retrying in {} ms", periodMillis, e);
    }
  }

  private void assimilate(long jobId) {
    try {
      assimilator.assimilateIfComplete(jobId);
    } catch (JdbiException e) {
      log.warn("closing a round of job {} failed; will retry: {}", jobId, e.getMessage());
    } catch (RuntimeException e) {
      int round =
          jdbi.withHandle(h -> h.attach(JobDao.class).find(jobId)).map(JobRow::round).orElse(-1);
      assimilator.fail(jobId, round, e.toString());
      log.error("job {} failed", jobId, e);
    }
  }
}
