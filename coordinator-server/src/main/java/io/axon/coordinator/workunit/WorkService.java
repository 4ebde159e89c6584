package io.axon.coordinator.workunit;

import io.axon.coordinator.CoordinatorConfig;
import io.axon.coordinator.db.Database;
import io.axon.coordinator.host.HeartbeatBuffer;
import io.axon.coordinator.web.ApiException;
import io.axon.core.protocol.BlobRef;
import io.axon.core.protocol.JobSpec;
import io.axon.core.protocol.ProtocolJson;
import io.axon.core.protocol.WorkAssignment;
import io.axon.core.protocol.WorkReply;
import io.axon.core.protocol.WorkRequest;
import io.axon.core.training.ModelSpec;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out work, one replica per request: never the same replica to two hosts, never two replicas
 * of a unit to one volunteer (account, or host without one), only to hosts that meet the job's
 * placement and run its kernel, and, when the host tells its speed, only what it can finish before
 * the deadline. A replica in progress on the asking host that it does not list as held was lost
 * with its reply and is sent again.
 *
 * <p>Safe with several coordinators on one database: a replica is claimed by a conditional UPDATE
 * from UNSENT, and the unique (unit, owner) pair stops two hosts of one account from taking two
 * replicas of a unit at the same moment.
 */
@Singleton
public final class WorkService {
  private static final Logger log = LoggerFactory.getLogger(WorkService.class);
  private static final int CANDIDATES = 16;

  /** Pages of candidates read per job before trying the next: a host holding many units of it. */
  private static final int PAGES = 4;

  private static final String UNIQUE_VIOLATION = "23505";

  /** Candidates a request looks at per job before trying the next job. */
  private static final int TRIES_PER_JOB = 32;

  /** A held request for work looks at the database again this often. */
  static final long HOLD_RECHECK_MILLIS = 100;

  /** Candidates the feeder keeps per running job. */
  private static final int FEED_PER_JOB = 256;

  private final Jdbi jdbi;
  private final Clock clock;
  private final long deadlineMillis;
  private final int retryAfterSeconds;
  private final long holdNanos;
  private final Transitioner transitioner;
  private final AdaptiveReplication adaptive;
  private final Feeder feeder;
  private final HeartbeatBuffer beats;

  /** Without heartbeats kept in memory: every host's RTT is the one in the host table. */
  public WorkService(
      Database database,
      Clock clock,
      CoordinatorConfig config,
      Transitioner transitioner,
      AdaptiveReplication adaptive) {
    this(database, clock, config, transitioner, adaptive, null);
  }

  @Inject
  public WorkService(
      Database database,
      Clock clock,
      CoordinatorConfig config,
      Transitioner transitioner,
      AdaptiveReplication adaptive,
      HeartbeatBuffer beats) {
    this.beats = beats;
    this.jdbi = database.jdbi();
    this.clock = clock;
    this.deadlineMillis = config.deadline().toMillis();
    this.retryAfterSeconds = (int) Math.max(1, config.retryAfter().toSeconds());
    this.holdNanos = config.workHold().toNanos();
    this.transitioner = transitioner;
    this.adaptive = adaptive;
    this.feeder = new Feeder(jdbi, FEED_PER_JOB);
  }

  /**
   * A unit for this host, or "no work". With a work hold configured, "no work" to a host that holds
   * no unit waits first: until new work is issued (a round closed, a job was submitted through the
   * API) or, as a fallback (a unit sent again, a job submitted from the admin pages), every {@link
   * #HOLD_RECHECK_MILLIS}, asking the database again each time.
   */
  public WorkReply request(long hostId, WorkRequest request) {
    // a host with units in hand is only topping up its queue: it has work, answer at once
    long holdEnd = System.nanoTime() + (request.heldUnits().isEmpty() ? holdNanos : 0);
    while (true) {
      long seen = transitioner.issuedCount();
      WorkReply reply = jdbi.withHandle(handle -> request(handle, hostId, request));
      if (reply.assignment() != null) {
        transitioner.deadlineSet(reply.assignment().deadlineMillis());
        return reply;
      }
      long left = holdEnd - System.nanoTime();
      if (left <= 0) {
        return reply;
      }
      try {
        transitioner.awaitIssued(
            seen, Math.min(HOLD_RECHECK_MILLIS, TimeUnit.NANOSECONDS.toMillis(left) + 1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return reply;
      }
    }
  }

  private WorkReply request(Handle handle, long hostId, WorkRequest request) {
    ReplicaDao dao = handle.attach(ReplicaDao.class);
    List<AskingHost> rows = handle.attach(DispatchDao.class).askingHost(hostId);
    if (rows.isEmpty()) {
      throw ApiException.notFound("no host " + hostId);
    }
    DispatchHost host = rows.get(0).host();
    Long rtt = beats != null ? beats.pendingRttMillis(hostId) : null;
    if (rtt != null) {
      host =
          new DispatchHost(
              host.id(),
              host.cores(),
              host.memoryBytes(),
              rtt,
              host.kernels(),
              host.accountId(),
              host.consecutiveValid());
    }
    // A volunteer lists the units it holds (training or queued). A replica in progress on it
    // whose unit it does not list was lost with its reply (a coordinator stopped mid-reply, a
    // dropped connection): send it again, as BOINC resends lost results.
    Set<Long> held = new HashSet<>(request.heldUnits());
    for (AskingHost row : rows) {
      HeldReplica lost = row.held();
      if (lost == null || held.contains(lost.workUnitId())) {
        continue;
      }
      long now = clock.millis();
      long bound = lost.delayBoundMillis() != null ? lost.delayBoundMillis() : deadlineMillis;
      if (dao.resend(lost.id(), hostId, now, now + bound) == 1) {
        log.info(
            "work unit {} sent again to host {}: its reply was lost", lost.workUnitId(), hostId);
        return WorkReply.of(assignment(dao.assignment(lost.id())));
      }
    }
    List<String> kernels = Arrays.asList(host.kernels().split(","));
    WorkAssignment fed = fromFeeder(handle, host, kernels, held, request);
    if (fed != null) {
      return WorkReply.of(fed);
    }
    // Nothing suitable among the cached candidates: ask the database, as the feeder's cache may
    // lag behind (a job just submitted, a host of an account holding many of the cached units).
    feeder.queues(true);
    boolean tooSlow = false;
    for (RunningJob job : dao.runningJobs()) {
      if (!job.fits(host, kernels)) {
        continue;
      }
      long bound = job.delayBoundMillis() != null ? job.delayBoundMillis() : deadlineMillis;
      long after = 0;
      for (int page = 0; page < PAGES; page++) {
        List<UnsentReplica> candidates = dao.unsent(job.id(), job.round(), after, CANDIDATES);
        if (candidates.isEmpty()) {
          break;
        }
        after = candidates.get(candidates.size() - 1).id();
        Set<Long> owned =
            new HashSet<>(
                dao.ownedAmong(
                    candidates.stream().map(UnsentReplica::workUnitId).distinct().toList(),
                    host.owner()));
        // hosts asking at the same moment start at different candidates
        int start = (int) Math.floorMod(hostId, candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
          UnsentReplica candidate = candidates.get((start + i) % candidates.size());
          if (owned.contains(candidate.workUnitId())) {
            continue;
          }
          if (!finishesInTime(request, candidate.flops(), bound)) {
            tooSlow = true;
            continue;
          }
          long now = clock.millis();
          if (!claim(dao, candidate.id(), host, now, now + bound)) {
            continue;
          }
          if (job.adaptive() && adaptive.trustAlone(host.consecutiveValid())) {
            trustAlone(handle, candidate);
          }
          log.debug("work unit {} sent to host {}", candidate.workUnitId(), hostId);
          return WorkReply.of(assignment(dao.assignment(candidate.id())));
        }
        if (tooSlow) {
          break;
        }
      }
    }
    if (tooSlow) {
      log.debug(
          "no work unit for host {}: at {} flop/s with {} s queued it would miss the deadline",
          hostId,
          request.flopsPerSecond(),
          request.queuedSeconds());
    }
    return WorkReply.none(retryAfterSeconds);
  }

  /**
   * A replica from the feeder's cache for this host, claimed, or null if none of the candidates
   * looked at suits it. Units the host holds (or lost the reply of) are passed over, as are jobs it
   * does not fit or would finish too late; a candidate another coordinator claimed first is dropped
   * and the next one tried.
   */
  private WorkAssignment fromFeeder(
      Handle handle, DispatchHost host, List<String> kernels, Set<Long> held, WorkRequest request) {
    DispatchDao dispatch = handle.attach(DispatchDao.class);
    for (Feeder.Queue queue : feeder.queues(false)) {
      RunningJob job = queue.dispatch();
      if (!job.fits(host, kernels)) {
        continue;
      }
      long bound = job.delayBoundMillis() != null ? job.delayBoundMillis() : deadlineMillis;
      List<Candidate> passed = new ArrayList<>();
      try {
        for (int i = 0; i < TRIES_PER_JOB; i++) {
          Candidate candidate = queue.take();
          if (candidate == null) {
            break;
          }
          if (held.contains(candidate.workUnitId())) {
            passed.add(candidate);
            continue;
          }
          if (!finishesInTime(request, candidate.flops(), bound)) {
            passed.add(candidate);
            break;
          }
          long now = clock.millis();
          long deadline = now + bound;
          Boolean claimed = claim(dispatch, queue, candidate, host, now, deadline);
          if (claimed == null) {
            // the volunteer holds another replica of this unit; someone else may take it
            passed.add(candidate);
            continue;
          }
          queue.drop(candidate);
          if (!claimed) {
            continue;
          }
          if (job.adaptive() && adaptive.trustAlone(host.consecutiveValid())) {
            trustAlone(handle, new UnsentReplica(candidate.id(), candidate.workUnitId(), 0));
          }
          log.debug("work unit {} sent to host {}", candidate.workUnitId(), host.id());
          queue.giveBack(passed);
          passed.clear();
          queue.topUp();
          return assignment(queue, candidate, deadline);
        }
      } finally {
        queue.giveBack(passed);
      }
    }
    return null;
  }

  /**
   * Claims a cached candidate: true if this host has it now, false if it is gone (another
   * coordinator sent it, or its round or job is over), null if the host's volunteer holds another
   * replica of its unit.
   */
  private static Boolean claim(
      DispatchDao dao,
      Feeder.Queue queue,
      Candidate candidate,
      DispatchHost host,
      long now,
      long deadline) {
    try {
      return dao.claim(
              candidate.id(),
              queue.job().id(),
              queue.job().round(),
              host.id(),
              host.owner(),
              now,
              deadline)
          == 1;
    } catch (UnableToExecuteStatementException e) {
      if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return null;
      }
      throw e;
    }
  }

  /**
   * UNSENT to IN_PROGRESS on this host; false if another host took it first, or another host of the
   * same account took another replica of the unit at the same moment.
   */
  private static boolean claim(
      ReplicaDao dao, long replicaId, DispatchHost host, long now, long deadline) {
    try {
      return dao.send(replicaId, host.id(), host.owner(), now, deadline) == 1;
    } catch (UnableToExecuteStatementException e) {
      if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return false;
      }
      throw e;
    }
  }

  /** Adaptive replication: the unit's other replicas, none sent yet, are not needed. */
  private static void trustAlone(Handle handle, UnsentReplica sent) {
    if (handle.attach(WorkUnitDao.class).trustOneReplica(sent.workUnitId(), sent.id()) == 1) {
      int dropped = handle.attach(ReplicaDao.class).notNeeded(sent.workUnitId());
      log.debug(
          "work unit {}: trusted to one host, {} other replica(s) not needed",
          sent.workUnitId(),
          dropped);
    }
  }

  /**
   * Whether a host that measured {@code flopsPerSecond} and holds {@code queuedSeconds} of work
   * finishes a unit of {@code flops} within {@code boundMillis}. An unknown speed (0) gets the
   * benefit of the doubt: the host fetches at most one unit beyond its buffer before it knows.
   */
  private static boolean finishesInTime(WorkRequest request, long flops, long boundMillis) {
    if (request.flopsPerSecond() <= 0) {
      return true;
    }
    double seconds = request.queuedSeconds() + (double) flops / request.flopsPerSecond();
    return seconds * 1000.0 < boundMillis;
  }

  private static WorkAssignment assignment(Feeder.Queue queue, Candidate c, long deadline) {
    FeedJob job = queue.job();
    JobSpec spec = queue.spec();
    return new WorkAssignment(
        c.workUnitId(),
        job.id(),
        job.name(),
        job.round(),
        new ModelSpec(spec.model(), job.inputs(), job.outputs(), spec.hidden()),
        spec.hyperparameters(),
        spec.localEpochs(),
        c.seed(),
        new BlobRef(c.modelSha256(), c.modelSize()),
        new BlobRef(c.shardSha256(), c.shardSize()),
        deadline,
        c.flops());
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
