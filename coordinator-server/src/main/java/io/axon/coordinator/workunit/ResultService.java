package io.axon.coordinator.workunit;

import io.axon.coordinator.blob.BlobStore;
import io.axon.coordinator.db.Database;
import io.axon.coordinator.job.JobDao;
import io.axon.coordinator.job.JobRow;
import io.axon.coordinator.web.ApiException;
import io.axon.core.common.Sha256;
import io.axon.core.protocol.ResultReply;
import io.axon.core.protocol.ResultReport;
import io.axon.core.training.Model;
import io.axon.core.training.ModelFormat;
import io.axon.core.training.ModelSpec;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts a volunteer's trained model for a work unit it holds, after checking the bytes are what
 * the report says and decode to a finite model of the job's shape.
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
   * Accepts the result, or answers a repeat of an upload already accepted from this host (its reply
   * was lost) as accepted again without counting it twice.
   */
  public ResultReply accept(long hostId, ResultReport report, byte[] modelBytes) {
    long unitId = report.workUnitId();
    WorkUnitRow unit =
        jdbi.withHandle(h -> WorkUnits.find(h, unitId))
            .orElseThrow(() -> ApiException.notFound("no work unit " + unitId));
    if (isOnHost(unit, hostId) && unit.state() == WorkUnitState.DONE) {
      return repeated(unit, report, modelBytes);
    }
    if (!isOnHost(unit, hostId) || unit.state() != WorkUnitState.IN_PROGRESS) {
      throw ApiException.conflict(
          "work unit "
              + unitId
              + " is not in progress on host "
              + hostId
              + " (it is "
              + describe(unit)
              + ")");
    }
    checkHash(report, modelBytes);
    JobRow job =
        jdbi.withHandle(h -> h.attach(JobDao.class).find(unit.jobId()))
            .orElseThrow(() -> new IllegalStateException("work unit without job: " + unitId));
    checkModel(modelBytes, job.modelSpec(), unitId);

    boolean completed =
        jdbi.inTransaction(
            h -> {
              blobs.put(h, modelBytes);
              return WorkUnits.complete(h, hostId, report, clock.millis());
            });
    if (!completed) {
      // Lost the conditional UPDATE: to an identical upload racing this one (then this is a
      // repeat), or to the deadline passing meanwhile.
      WorkUnitRow now =
          jdbi.withHandle(h -> WorkUnits.find(h, unitId))
              .orElseThrow(() -> new IllegalStateException("work unit vanished: " + unitId));
      if (isOnHost(now, hostId) && now.state() == WorkUnitState.DONE) {
        return repeated(now, report, modelBytes);
      }
      throw ApiException.conflict(
          "work unit " + unitId + " is no longer in progress on host " + hostId);
    }
    log.debug("work unit {} done by host {}", unitId, hostId);
    transitioner.roundMayBeComplete(unit.jobId());
    return new ResultReply(unitId, true, "accepted");
  }

  /**
   * The host uploads for a unit it has finished already: the same result again is accepted (its
   * first reply was lost) and changes nothing; a different one is a conflict.
   */
  private static ResultReply repeated(WorkUnitRow unit, ResultReport report, byte[] modelBytes) {
    if (!report.modelSha256().equals(unit.resultSha256())) {
      throw ApiException.conflict(
          "work unit "
              + unit.id()
              + " is done already with a different result from this host (SHA-256 "
              + unit.resultSha256()
              + ", this upload "
              + report.modelSha256()
              + ")");
    }
    checkHash(report, modelBytes);
    log.debug("work unit {}: result received again from host {}", unit.id(), unit.hostId());
    return new ResultReply(unit.id(), true, "already received");
  }

  private static boolean isOnHost(WorkUnitRow unit, long hostId) {
    return unit.hostId() != null && unit.hostId() == hostId;
  }

  private static void checkHash(ResultReport report, byte[] modelBytes) {
    String actual = Sha256.hex(modelBytes);
    if (!actual.equals(report.modelSha256())) {
      throw ApiException.badRequest(
          "model bytes have SHA-256 " + actual + " but the report says " + report.modelSha256());
    }
  }

  private static void checkModel(byte[] bytes, ModelSpec expected, long unitId) {
    Model model;
    try {
      model = ModelFormat.decode(bytes);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "model of work unit " + unitId + " is unreadable: " + e.getMessage());
    }
    if (!model.spec().equals(expected)) {
      throw ApiException.badRequest(
          "model of work unit " + unitId + " has shape " + model.spec() + ", expected " + expected);
    }
    for (int i = 0; i < model.size(); i++) {
      if (!Double.isFinite(model.parameter(i))) {
        throw ApiException.badRequest(
            "model of work unit "
                + unitId
                + " has a non-finite parameter at index "
                + i
                + ": "
                + model.parameter(i));
      }
    }
  }

  private static String describe(WorkUnitRow unit) {
    return switch (unit.state()) {
      case UNSENT -> "unsent: its deadline passed and it waits for another host";
      case DONE -> "done already";
      case IN_PROGRESS -> "in progress on host " + unit.hostId();
    };
  }
}
