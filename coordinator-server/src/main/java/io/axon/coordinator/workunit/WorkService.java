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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out work: one sendable unit per request, never the same one to two hosts, a unit in
 * progress on the asking host again if it lost the reply (it does not list it as held), and, when
 * the host tells its speed, only a unit it can finish before the deadline.
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
          // A volunteer lists the units it holds (training or queued). A unit in progress on it
          // that it does not list was lost with its reply (a coordinator stopped mid-reply, a
          // dropped connection): send it again, as BOINC resends lost results. Listed units are
          // never resent; the host asks for one more.
          Set<Long> held = new HashSet<>(request.heldUnits());
          for (long lost : dao.inProgressOn(hostId)) {
            if (held.contains(lost)) {
              continue;
            }
            long now = clock.millis();
            if (WorkUnits.resend(handle, lost, hostId, now, now + deadlineMillis)) {
              log.info("work unit {} sent again to host {}: its reply was lost", lost, hostId);
              return WorkReply.of(assignment(dao.assignment(lost)));
            }
          }
          boolean tooSlow = false;
          for (int pass = 0; pass < 3; pass++) {
            long now = clock.millis();
            List<Long> candidates = dao.sendable(now, CANDIDATES);
            if (candidates.isEmpty()) {
              break;
            }
            for (long id : candidates) {
              if (!finishesInTime(request, dao.flops(id), now)) {
                tooSlow = true;
                continue;
              }
              if (WorkUnits.send(handle, id, hostId, now, now + deadlineMillis)) {
                WorkAssignment assignment = assignment(dao.assignment(id));
                log.debug("work unit {} sent to host {}", id, hostId);
                return WorkReply.of(assignment);
              }
            }
            if (tooSlow) {
              break;
            }
          }
          if (tooSlow) {
            log.debug(
                "no work unit for host {}: at {} flop/s with {} s queued it would miss the"
                    + " deadline",
                hostId,
                request.flopsPerSecond(),
                request.queuedSeconds());
          }
          return WorkReply.none(retryAfterSeconds);
        });
  }

  /**
   * Whether a host that measured {@code flopsPerSecond} and holds {@code queuedSeconds} of work
   * finishes a unit of {@code flops} before the deadline it would get now. An unknown speed (0)
   * gets the benefit of the doubt: the host fetches at most one unit beyond its buffer before it
   * knows.
   */
  private boolean finishesInTime(WorkRequest request, long flops, long now) {
    if (request.flopsPerSecond() <= 0) {
      return true;
    }
    double seconds = request.queuedSeconds() + (double) flops / request.flopsPerSecond();
    return seconds * 1000.0 < deadlineMillis;
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
