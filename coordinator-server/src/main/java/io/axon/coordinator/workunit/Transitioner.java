package io.axon.coordinator.workunit;

import io.axon.coordinator.CoordinatorConfig;
import io.axon.coordinator.credit.CreditGranter;
import io.axon.coordinator.db.Database;
import io.axon.coordinator.job.JobDao;
import io.axon.coordinator.job.JobRow;
import io.axon.coordinator.ops.Metrics;
import io.axon.coordinator.workunit.Replica.Outcome;
import io.axon.coordinator.workunit.Replica.ServerState;
import io.axon.coordinator.workunit.Replica.ValidateState;
import io.axon.core.protocol.JobSpec;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BOINC's transitioner: moves each work unit forward once something happened to it. A replica past
 * its deadline becomes NO_REPLY; the {@link Validator}'s verdict is applied (credit for VALID
 * replicas, exactly once); then the unit gets the replicas it still needs, or fails with a reason
 * once too many of its replicas failed. A unit that settled (VALIDATED or FAILED) asks the {@link
 * Assimilator} to close its round.
 *
 * <p>{@link #transition} runs in one transaction holding the unit's row lock, so any number of
 * threads and coordinators may call it for the same unit: each sees what the one before did.
 *
 * <p>A background thread reacts to events instead of polling: it sleeps until the earliest deadline
 * of a replica in progress, or until a dispatch sets an earlier one, or a result asks for a round
 * to be closed; a slow safety sweep ({@code transitionerPeriod}) catches what other coordinators
 * did and what happened while this one was down.
 */
@Singleton
public final class Transitioner {
  private static final Logger log = LoggerFactory.getLogger(Transitioner.class);
  private static final long RETRY_MILLIS = 1000;

  private final Jdbi jdbi;
  private final Assimilator assimilator;
  private final CreditGranter credit;
  private final Clock clock;
  private final long sweepMillis;
  private final Consumer<ValidateState> validations;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private final Set<Long> jobsToCheck = new LinkedHashSet<>();
  private long wakeAt = Long.MAX_VALUE;
  private final Object issued = new Object();
  private long issuedCount;
  private Thread thread;
  private boolean running;

  @Inject
  public Transitioner(
      Database database,
      Assimilator assimilator,
      CreditGranter credit,
      Clock clock,
      CoordinatorConfig config,
      Metrics metrics) {
    this(database, assimilator, credit, clock, config, metrics::validated);
  }

  /** A transitioner whose validations are counted nowhere (tests without a server). */
  public Transitioner(
      Database database,
      Assimilator assimilator,
      CreditGranter credit,
      Clock clock,
      CoordinatorConfig config) {
    this(database, assimilator, credit, clock, config, state -> {});
  }

  private Transitioner(
      Database database,
      Assimilator assimilator,
      CreditGranter credit,
      Clock clock,
      CoordinatorConfig config,
      Consumer<ValidateState> validations) {
    this.jdbi = database.jdbi();
    this.assimilator = assimilator;
    this.credit = credit;
    this.clock = clock;
    this.sweepMillis = config.transitionerPeriod().toMillis();
    this.validations = validations;
  }

  /**
   * Counts a replica that the validator judged {@code state} in {@code h}'s transaction, once it
   * commits: a transaction rolled back (and run again) counts nothing.
   */
  void judged(Handle h, ValidateState state) {
    h.afterCommit(() -> validations.accept(state));
  }

  /** What the rules decided for one unit. */
  public record Plan(
      List<Long> notNeeded,
      int newReplicas,
      int targetReplicas,
      int errorReplicas,
      String failure) {}

  /**
   * The transitioner's rules for an OPEN unit whose deadlines and validation are up to date (a pure
   * function, BOINC's {@code handle_wu}).
   *
   * <ul>
   *   <li>A settled unit (VALIDATED, FAILED, DROPPED) needs none of its UNSENT replicas.
   *   <li>More error replicas than {@code maxErrorReplicas}: the unit fails.
   *   <li>Otherwise it needs {@code target - (unsent + in progress + successful not invalid)} new
   *       replicas, the target raised to one more than its successes when they were inconclusive;
   *       if that would exceed {@code maxTotalReplicas} (sent ones, not the DIDNT_NEED), it fails.
   * </ul>
   */
  public static Plan plan(
      WorkUnitRow unit, List<Replica> replicas, JobSpec.Replication policy, boolean inconclusive) {
    List<Long> unsent = new ArrayList<>();
    int inProgress = 0;
    int successes = 0;
    int errors = 0;
    int total = 0;
    Replica lastError = null;
    for (Replica r : replicas) {
      if (r.is(ServerState.UNSENT)) {
        unsent.add(r.id());
      } else if (r.is(ServerState.IN_PROGRESS)) {
        inProgress++;
      }
      if (r.successNotInvalid()) {
        successes++;
      }
      if (r.isError()) {
        errors++;
        lastError = r;
      }
      if (r.outcome() != Outcome.DIDNT_NEED) {
        total++;
      }
    }
    int target = unit.targetReplicas();
    if (inconclusive) {
      target = Math.max(target, successes + 1);
    }
    if (unit.state() != WorkUnitState.OPEN) {
      return new Plan(unsent, 0, target, errors, null);
    }
    if (errors > policy.maxErrorReplicas()) {
      return new Plan(
          unsent,
          0,
          target,
          errors,
          describe(unit)
              + " failed: "
              + errors
              + " of its replicas failed (at most "
              + policy.maxErrorReplicas()
              + " may): "
              + describe(lastError));
    }
    int needed = target - (unsent.size() + inProgress + successes);
    if (needed > 0 && total + needed > policy.maxTotalReplicas()) {
      return new Plan(
          unsent,
          0,
          target,
          errors,
          describe(unit)
              + " failed: it would need more than "
              + policy.maxTotalReplicas()
              + " replicas ("
              + successes
              + " results in, "
              + (inconclusive ? "none agreeing in a quorum of " + unit.minQuorum() : "")
              + (inconclusive ? ", " : "")
              + errors
              + " errors)");
    }
    return new Plan(List.of(), Math.max(needed, 0), target, errors, null);
  }

  private static String describe(WorkUnitRow unit) {
    return "work unit " + unit.id() + " (shard " + unit.shardIndex() + ")";
  }

  private static String describe(Replica error) {
    return switch (error.outcome()) {
      case NO_REPLY -> "no reply by the deadline";
      case CLIENT_ERROR -> "the volunteer could not run it";
      case VALIDATE_ERROR -> "an invalid upload: " + error.detail();
      default -> String.valueOf(error.outcome());
    };
  }

  /**
   * Brings one unit up to date: deadlines, validation and credit, new replicas or failure. Returns
   * the unit's job if the unit settled just now (its round may close).
   */
  public Optional<Long> transition(long unitId) {
    long now = clock.millis();
    Optional<Long> settled = Transactions.retrying(jdbi, h -> transition(h, unitId, now));
    settled.ifPresent(this::roundMayBeComplete);
    return settled;
  }

  /**
   * {@link #transition(long)} in the caller's transaction, which should have locked the unit
   * ({@link WorkUnitDao#lock}) before it changed any of its replicas. The caller passes a settled
   * unit's job to {@link #roundMayBeComplete} once it committed.
   */
  Optional<Long> transition(Handle h, long unitId, long now) {
    WorkUnitDao units = h.attach(WorkUnitDao.class);
    ReplicaDao replicas = h.attach(ReplicaDao.class);
    WorkUnitRow unit = units.lock(unitId).orElse(null);
    if (unit == null) {
      return Optional.empty();
    }
    JobRow job = h.attach(JobDao.class).find(unit.jobId()).orElseThrow();
    JobSpec.Replication policy = job.spec().replication();
    List<Replica> current = new ArrayList<>(replicas.forUnit(unitId));
    current.sort(Comparator.comparing(Replica::hostId, Comparator.nullsLast(Long::compare)));
    for (Replica r : current) {
      if (r.is(ServerState.IN_PROGRESS)
          && r.deadlineMillis() != null
          && r.deadlineMillis() < now
          && replicas.timeOut(r.id(), now) == 1) {
        if (unit.state() == WorkUnitState.OPEN || unit.state() == WorkUnitState.VALIDATED) {
          // a host is not blamed for a replica whose unit nobody needed any more
          replicas.resetValid(r.hostId());
        }
        log.info(
            "work unit {} (job {} round {}): host {} missed its deadline",
            unitId,
            unit.jobId(),
            unit.round(),
            r.hostId());
      }
    }
    current = replicas.forUnit(unitId);

    String canonicalSha = unit.resultSha256();
    Validator.Verdict verdict =
        unit.state() == WorkUnitState.OPEN || unit.state() == WorkUnitState.VALIDATED
            ? Validator.judge(unit.minQuorum(), canonicalSha, current)
            : Validator.Verdict.NOTHING;
    boolean settled = false;
    if (verdict.canonicalId() != null) {
      Replica canonical =
          current.stream().filter(r -> r.id() == verdict.canonicalId()).findFirst().orElseThrow();
      settled = units.validate(unitId, canonical.id(), canonical.resultSha256()) == 1;
      if (settled) {
        log.debug("work unit {}: replica {} is canonical", unitId, canonical.id());
      }
    }
    // Host rows in ascending id order, in every transaction: two units validated at once, each
    // with replicas on the same two hosts, must not lock them in opposite orders.
    List<Replica> judged = new ArrayList<>();
    for (Replica r : current) {
      if (verdict.states().containsKey(r.id())) {
        judged.add(r);
      }
    }
    judged.sort(Comparator.comparing(Replica::hostId).thenComparing(Replica::id));
    for (Replica r : judged) {
      ValidateState state = verdict.states().get(r.id());
      if (replicas.judge(r.id(), state) != 1) {
        continue;
      }
      if (r.validateState() != state) {
        judged(h, state);
      }
      switch (state) {
        case VALID -> {
          replicas.countValid(r.hostId());
          credit.grant(
              h,
              new CreditGranter.Grant(
                  r.id(),
                  unitId,
                  unit.jobId(),
                  r.hostId(),
                  unit.flops(),
                  Instant.ofEpochMilli(now)));
        }
        case INVALID -> {
          replicas.resetValid(r.hostId());
          log.info(
              "work unit {}: the result of host {} disagrees with the others (invalid)",
              unitId,
              r.hostId());
        }
        default -> {}
      }
    }
    unit = units.find(unitId).orElseThrow();
    current = replicas.forUnit(unitId);

    Plan plan = plan(unit, current, policy, verdict.needsAnotherReplica());
    if (!plan.notNeeded().isEmpty()) {
      replicas.notNeeded(unitId);
    }
    units.setCounts(unitId, plan.targetReplicas(), plan.errorReplicas());
    for (int i = 0; i < plan.newReplicas(); i++) {
      replicas.insert(unitId, unit.jobId(), unit.round(), now);
    }
    if (plan.newReplicas() > 0) {
      log.info("work unit {}: {} more replica(s) to send", unitId, plan.newReplicas());
    }
    if (plan.failure() != null && units.fail(unitId, plan.failure()) == 1) {
      log.warn("{}", plan.failure());
      settled = true;
    }
    return settled ? Optional.of(unit.jobId()) : Optional.empty();
  }

  /** Starts the background thread; its first pass catches up on what happened while down. */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("already started");
    }
    running = true;
    thread = new Thread(this::run, "axon-transitioner");
    thread.setDaemon(true);
    thread.start();
  }

  /** Finishes the task in hand (a round being closed) and stops. */
  public void stop() {
    Thread stopping;
    synchronized (this) {
      stopping = thread;
      thread = null;
    }
    if (stopping == null) {
      return;
    }
    lock.lock();
    try {
      running = false;
      wake.signalAll();
    } finally {
      lock.unlock();
    }
    try {
      stopping.join(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Asks for the current round of {@code jobId} to be closed if it is complete. */
  public void roundMayBeComplete(long jobId) {
    lock.lock();
    try {
      jobsToCheck.add(jobId);
      wake.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** A replica was sent with this deadline: wake up for it if it is the earliest. */
  public void deadlineSet(long deadlineMillis) {
    lock.lock();
    try {
      if (deadlineMillis < wakeAt) {
        wakeAt = deadlineMillis;
        wake.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    long nextSweep = 0;
    while (true) {
      Set<Long> jobs;
      boolean sweep;
      lock.lock();
      try {
        while (running && jobsToCheck.isEmpty()) {
          long now = clock.millis();
          long until = Math.min(wakeAt, nextSweep);
          if (until <= now) {
            break;
          }
          wake.await(until - now, TimeUnit.MILLISECONDS);
        }
        if (!running) {
          return;
        }
        jobs = new LinkedHashSet<>(jobsToCheck);
        jobsToCheck.clear();
        long now = clock.millis();
        sweep = now >= nextSweep;
        if (sweep) {
          nextSweep = now + sweepMillis;
        }
        wakeAt = Long.MAX_VALUE;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        lock.unlock();
      }
      try {
        pass(jobs, sweep);
      } catch (RuntimeException e) {
        log.error("transitioner pass failed; retrying in {} ms", sweepMillis, e);
        lock.lock();
        try {
          wakeAt = Math.min(wakeAt, clock.millis() + sweepMillis);
        } finally {
          lock.unlock();
        }
      }
    }
  }

  private void pass(Set<Long> jobs, boolean sweep) {
    long now = clock.millis();
    for (long unitId : jdbi.withHandle(h -> h.attach(ReplicaDao.class).overdueUnits(now))) {
      try {
        Transactions.retrying(jdbi, h -> transition(h, unitId, now)).ifPresent(jobs::add);
      } catch (JdbiException e) {
        log.warn("work unit {}: transition failed, will retry: {}", unitId, e.getMessage());
      }
    }
    if (sweep) {
      jobs.addAll(jdbi.withHandle(h -> h.attach(JobDao.class).running()));
    }
    for (long jobId : jobs) {
      assimilate(jobId);
    }
    Optional<Long> next = jdbi.withHandle(h -> h.attach(ReplicaDao.class).nextDeadline());
    // a deadline still in the past was not handled (the database failed): retry in a while, not
    // in a tight loop
    next.ifPresent(
        deadline -> deadlineSet(deadline < now ? clock.millis() + RETRY_MILLIS : deadline + 1));
  }

  /**
   * How many times new work was issued so far (a round closed, so its successor's units are out, or
   * a job was submitted): a held request for work waits for it to change.
   */
  public long issuedCount() {
    synchronized (issued) {
      return issuedCount;
    }
  }

  /** Wakes the requests for work that are held: new work units are out. */
  public void workIssued() {
    synchronized (issued) {
      issuedCount++;
      issued.notifyAll();
    }
  }

  /** Waits until {@link #issuedCount} differs from {@code seen} or {@code millis} have passed. */
  public void awaitIssued(long seen, long millis) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    synchronized (issued) {
      long left;
      while (issuedCount == seen && (left = end - System.nanoTime()) > 0) {
        TimeUnit.NANOSECONDS.timedWait(issued, left);
      }
    }
  }

  private void assimilate(long jobId) {
    try {
      if (assimilator.assimilateIfComplete(jobId)) {
        workIssued();
      }
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
