package io.axon.coordinator.workunit;

import io.axon.coordinator.CoordinatorConfig;
import io.axon.coordinator.db.Database;
import io.axon.core.protocol.BlobRef;
import io.axon.core.protocol.JobSpec;
import io.axon.core.protocol.ProtocolJson;
import io.axon.core.protocol.WorkAssignment;
import io.axon.core.protocol.WorkReply;
import io.axon.core.protocol.WorkRequest;
import io.axon.core.training.ModelSpec;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out work: one sendable unit per request, never the same one to two hosts, and a unit the
 * asking host already holds again if it lost the reply.
 */
@Singleton
public final class WorkService {
  private static final Logger log = LoggerFactory.getLogger(WorkService.class);
  private static final int CANDIDATES = 16;

  private final Jdbi jdbi;
  private final Clock clock;
  private final long deadlineMillis;
  private final int retryAfterSeconds;

  @Inject
  public WorkService(Database database, Clock clock, CoordinatorConfig config) {
    this.jdbi = database.jdbi();
    this.clock = clock;
    this.deadlineMillis = config.deadline().toMillis();
    this.retryAfterSeconds = (int) Math.max(1, config.retryAfter().toSeconds());
  }

  public WorkReply request(long hostId, WorkRequest request) {
    return jdbi.withHandle(
        handle -> {
          WorkUnitDao dao = handle.attach(WorkUnitDao.class);
          // A volunteer runs one unit at a time and asks for work only when it has none. If a unit
          // is still in progress on it, the reply that sent it was lost (a coordinator stopped
          // mid-reply, a dropped connection): send it again, as BOINC resends lost results.
          Optional<Long> lost = dao.inProgressOn(hostId);
          if (lost.isPresent()) {
            long now = clock.millis();
            if (WorkUnits.resend(handle, lost.get(), hostId, now, now + deadlineMillis)) {
              log.info(
                  "work unit {} sent again to host {}: its reply was lost", lost.get(), hostId);
              return WorkReply.of(assignment(dao.assignment(lost.get())));
            }
          }
          for (int pass = 0; pass < 3; pass++) {
            long now = clock.millis();
            List<Long> candidates = dao.sendable(now, CANDIDATES);
            if (candidates.isEmpty()) {
              break;
            }
            for (long id : candidates) {
              if (WorkUnits.send(handle, id, hostId, now, now + deadlineMillis)) {
                WorkAssignment assignment = assignment(dao.assignment(id));
                log.debug("work unit {} sent to host {}", id, hostId);
                return WorkReply.of(assignment);
              }
            }
          }
          return WorkReply.none(retryAfterSeconds);
        });
  }

  private static WorkAssignment assignment(AssignmentRow row) {
    JobSpec spec = ProtocolJson.fromJson(row.specJson(), JobSpec.class);
    return new WorkAssignment(
        row.id(),
        row.jobId(),
        row.jobName(),
        row.round(),
        new ModelSpec(spec.model(), row.inputs(), row.outputs(), spec.hidden()),
        spec.hyperparameters(),
        spec.localEpochs(),
        row.seed(),
        new BlobRef(row.modelSha256(), row.modelSize()),
        new BlobRef(row.shardSha256(), row.shardSize()),
        row.deadlineMillis(),
        row.flops());
  }
}
