package io.axon.coordinator.admin;

import io.axon.coordinator.db.Database;
import io.axon.coordinator.job.JobDao;
import io.axon.coordinator.job.JobRow;
import io.axon.coordinator.workunit.Assimilator;
import io.axon.core.protocol.JobStatus.JobState;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

/**
 * Cancels a running job: it ends FAILED with "cancelled by &lt;owner&gt;" as its reason, through
 * the assimilator's own fail step, so its unsent replicas are withdrawn and a round closing at the
 * same moment cannot bring it back.
 */
@Singleton
public final class JobCancellation {
  private static final int ATTEMPTS = 5;

  private final Jdbi jdbi;
  private final Assimilator assimilator;

  @Inject
  public JobCancellation(Database database, Assimilator assimilator) {
    this.jdbi = database.jdbi();
    this.assimilator = assimilator;
  }

  /** Cancels {@code jobId}; a job that is no longer running is refused with 409. */
  public void cancel(long jobId, Owner owner) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      JobRow job =
          jdbi.withHandle(h -> h.attach(JobDao.class).find(jobId))
              .orElseThrow(() -> new AdminException(404, "There is no job " + jobId + "."));
      if (job.state() != JobState.RUNNING) {
        throw new AdminException(
            409,
            "Job "
                + jobId
                + " is "
                + job.state()
                + " already; only a running job can be cancelled.");
      }
      // fails only while the job is still in this round; a round that closed meanwhile retries
      assimilator.fail(jobId, job.round(), "cancelled by " + owner.name());
      JobState now = jdbi.withHandle(h -> h.attach(JobDao.class).find(jobId)).orElseThrow().state();
      if (now != JobState.RUNNING) {
        return;
      }
    }
    throw new AdminException(409, "Job " + jobId + " kept moving to a new round; try again.");
  }
}
