package io.axon.coordinator.workunit;

import io.axon.coordinator.blob.BlobStore;
import io.axon.coordinator.db.Database;
import io.axon.coordinator.job.JobDao;
import io.axon.coordinator.job.JobRow;
import io.axon.coordinator.web.ApiException;
import io.axon.coordinator.workunit.Replica.Outcome;
import io.axon.coordinator.workunit.Replica.ServerState;
import io.axon.core.common.Sha256;
import io.axon.core.protocol.ResultReply;
import io.axon.core.protocol.ResultReport;
import io.axon.core.training.Model;
import io.axon.core.training.ModelFormat;
import io.axon.core.training.ModelSpec;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a volunteer's trained model for the replica of a work unit it holds. The model is checked
 * first: bytes that are no finite model of the job's shape make the replica VALIDATE_ERROR (the
 * host's run of valid results ends, the unit gets another replica) and the reply says why. A good
 * one is stored and handed to the {@link Transitioner}, which validates it against the unit's other
 * replicas at once.
 */
@Singleton
public final class ResultService {
  private static final Logger log = LoggerFactory.getLogger(ResultService.class);

  private final Jdbi jdbi;
  private final BlobStore blobs;
  private final Clock clock;
  private final Transitioner transitioner;

  @Inject
  public ResultService(Database database, BlobStore blobs, Clock clock, Transitioner transitioner) {
    this.jdbi = database.jdbi();
    this.blobs = blobs;
    this.clock = clock;
    this.transitioner = transitioner;
  }

  /**
   * Accepts the result; answers a repeat of an upload already accepted from this host (its reply
   * was lost) as accepted again without counting it twice; accepts a result that missed its
   * deadline while the unit still needs one.
   */
  public ResultReply accept(long hostId, ResultReport report, byte[] modelBytes) {
    long unitId = report.workUnitId();
    WorkUnitRow unit =
        jdbi.withHandle(h -> WorkUnits.find(h, unitId))
            .orElseThrow(() -> ApiException.notFound("no work unit " + unitId));
    Replica replica =
        jdbi.withHandle(h -> h.attach(ReplicaDao.class).onHost(unitId, hostId))
            .orElseThrow(
                () ->
                    ApiException.conflict(
                        "work unit " + unitId + " was not sent to host " + hostId));
    checkHash(report, modelBytes);
    if (replica.is(ServerState.OVER) && replica.outcome() != Outcome.NO_REPLY) {
      return repeated(unit, replica, report);
    }
    boolean late = replica.is(ServerState.OVER);
    if (late && !stillNeeded(unit)) {
      throw ApiException.conflict(
          "work unit "
              + unitId
              + " no longer needs this result: it arrived after the deadline, and the unit "
              + (unit.state() == WorkUnitState.VALIDATED
                  ? "was completed by other volunteers"
                  : "is " + unit.state().name().toLowerCase(java.util.Locale.ROOT)));
    }
    if (!late && unit.state() != WorkUnitState.OPEN && unit.state() != WorkUnitState.VALIDATED) {
      throw ApiException.conflict(
          "work unit "
              + unitId
              + " no longer needs this result: "
              + (unit.state() == WorkUnitState.DROPPED
                  ? "its round closed without it"
                  : "it failed: " + unit.failureReason()));
    }
    JobRow job =
        jdbi.withHandle(h -> h.attach(JobDao.class).find(unit.jobId()))
            .orElseThrow(() -> new IllegalStateException("work unit without job: " + unitId));
    String problem = checkModel(modelBytes, job.modelSpec());
    long now = clock.millis();
    if (problem != null) {
      String detail = "model of work unit " + unitId + " " + problem;
      Optional<Long> settled =
          Transactions.retrying(
              jdbi,
              h -> {
                h.attach(WorkUnitDao.class).lock(unitId);
                ReplicaDao replicas = h.attach(ReplicaDao.class);
                if (replicas.reject(replica.id(), hostId, truncate(detail), now) != 1) {
                  return Optional.<Long>empty();
                }
                log.info("work unit {}: invalid upload from host {}: {}", unitId, hostId, problem);
                transitioner.judged(h, Replica.ValidateState.INVALID);
                replicas.resetValid(hostId);
                return transitioner.transition(h, unitId, now);
              });
      settled.ifPresent(transitioner::roundMayBeComplete);
      throw ApiException.badRequest(detail);
    }

    // The unit's lock first, as the transitioner takes it: the result and its validation commit
    // together, so no crash can leave a result that nobody compares.
    Optional<Optional<Long>> stored =
        Transactions.retrying(
            jdbi,
            h -> {
              h.attach(WorkUnitDao.class).lock(unitId);
              blobs.put(h, modelBytes);
              int updated =
                  h.attach(ReplicaDao.class)
                      .succeed(
                          replica.id(),
                          hostId,
                          late,
                          report.modelSha256(),
                          Double.isFinite(report.trainLoss()) ? report.trainLoss() : null,
                          report.samples(),
                          report.flops(),
                          report.elapsedMillis(),
                          now);
              if (updated != 1) {
                return Optional.<Optional<Long>>empty();
              }
              return Optional.of(transitioner.transition(h, unitId, now));
            });
    if (stored.isEmpty()) {
      // Lost the conditional UPDATE: to an identical upload racing this one (then this is a
      // repeat), or to the deadline passing meanwhile (then try once more as a late result).
      Replica again =
          jdbi.withHandle(h -> h.attach(ReplicaDao.class).onHost(unitId, hostId)).orElseThrow();
      if (again.is(ServerState.OVER) && again.outcome() != Outcome.NO_REPLY) {
        return repeated(unit, again, report);
      }
      if (!late) {
        return accept(hostId, report, modelBytes);
      }
      throw ApiException.conflict(
          "work unit " + unitId + " is no longer in progress on host " + hostId);
    }
    stored.get().ifPresent(transitioner::roundMayBeComplete);
    log.debug("work unit {}: result from host {}{}", unitId, hostId, late ? " (late)" : "");
    return new ResultReply(unitId, true, "accepted");
  }

  /** A late result is still welcome while the unit waits for results. */
  private static boolean stillNeeded(WorkUnitRow unit) {
    return unit.state() == WorkUnitState.OPEN;
  }

  /**
   * The host uploads for a replica that is over: the same result again is accepted (its first reply
   * was lost) and changes nothing; anything else is a conflict that says why.
   */
  private static ResultReply repeated(WorkUnitRow unit, Replica replica, ResultReport report) {
    long unitId = unit.id();
    switch (replica.outcome()) {
      case SUCCESS -> {
        if (!report.modelSha256().equals(replica.resultSha256())) {
          throw ApiException.conflict(
              "work unit "
                  + unitId
                  + " is done already with a different result from this host (SHA-256 "
                  + replica.resultSha256()
                  + ", this upload "
                  + report.modelSha256()
                  + ")");
        }
        log.debug("work unit {}: result received again from host {}", unitId, replica.hostId());
        return new ResultReply(unitId, true, "already received");
      }
      case VALIDATE_ERROR ->
          throw ApiException.conflict(
              "work unit "
                  + unitId
                  + ": an earlier upload from this host was rejected ("
                  + replica.detail()
                  + ")");
      case DIDNT_NEED ->
          throw ApiException.conflict(
              "work unit " + unitId + " no longer needs a result from this host");
      default ->
          throw ApiException.conflict(
              "work unit " + unitId + " is over on this host (" + replica.outcome() + ")");
    }
  }

  private static void checkHash(ResultReport report, byte[] modelBytes) {
    String actual = Sha256.hex(modelBytes);
    if (!actual.equals(report.modelSha256())) {
      throw ApiException.badRequest(
          "model bytes have SHA-256 " + actual + " but the report says " + report.modelSha256());
    }
  }

  /** Why the bytes are no finite model of the job's shape, or null if they are one. */
  private static String checkModel(byte[] bytes, ModelSpec expected) {
    Model model;
    try {
      model = ModelFormat.decode(bytes);
    } catch (IllegalArgumentException e) {
      return "is unreadable: " + e.getMessage();
    }
    if (!model.spec().equals(expected)) {
      return "has shape " + model.spec() + ", expected " + expected;
    }
    for (int i = 0; i < model.size(); i++) {
      if (!Double.isFinite(model.parameter(i))) {
        return "has a non-finite parameter at index " + i + ": " + model.parameter(i);
      }
    }
    return null;
  }

  private static String truncate(String text) {
    return text.length() <= 1000 ? text : text.substring(0, 997) + "...";
  }
}
