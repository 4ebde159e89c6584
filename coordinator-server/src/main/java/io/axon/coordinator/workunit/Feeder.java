package io.axon.coordinator.workunit;

import io.axon.core.protocol.JobSpec;
import io.axon.core.protocol.ProtocolJson;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Jdbi;

/**
 * BOINC's feeder, in memory: for every running job a queue of its current round's UNSENT replicas,
 * oldest first, read a page at a time off the {@code replicas_sendable} index with everything their
 * assignments need. A work request takes candidates from the queues instead of querying for them,
 * so concurrent requests never race for the same rows and a dispatch costs one conditional UPDATE.
 *
 * <p>A candidate taken from a queue belongs to the taking thread until it gives it back (unsuitable
 * for its host) or drops it (claimed, or gone): no two threads of this coordinator ever try the
 * same replica at once. The queue is only a cache: another coordinator on the same database may
 * have claimed a queued replica already; its claim then fails and the next is tried.
 */
final class Feeder {
  /** How often the list of running jobs is read again, besides when dispatch asks for it. */
  private static final long JOBS_TTL_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Jdbi jdbi;
  private final int perJob;
  private final ReentrantLock reloading = new ReentrantLock();
  private volatile Jobs jobs = new Jobs(List.of(), 0, false);

  /**
   * @param perJob how many candidates to keep per running job; a queue is topped up once it falls
   *     below half of that
   */
  Feeder(Jdbi jdbi, int perJob) {
    if (perJob < 2) {
      throw new IllegalArgumentException("perJob must be at least 2, got " + perJob);
    }
    this.jdbi = jdbi;
    this.perJob = perJob;
  }

  /**
   * The queues of the running jobs, oldest job first. The list is read again when it is older than
   * a second, or when {@code fresh} (a request that found nothing here; a job may have started).
   * Queues of jobs still in the same round are kept.
   */
  List<Queue> queues(boolean fresh) {
    Jobs current = jobs;
    if (current.loaded && !fresh) {
      if (System.nanoTime() - current.loadedNanos < JOBS_TTL_NANOS) {
        return current.queues;
      }
      // stale: one thread reads the list again while the others go on with the one they have
      if (!reloading.tryLock()) {
        return current.queues;
      }
    } else {
      reloading.lock();
    }
    try {
      if (jobs != current) {
        return jobs.queues;
      }
      Map<String, Queue> kept = new HashMap<>();
      for (Queue queue : current.queues) {
        kept.put(queue.key(), queue);
      }
      List<Queue> queues =
          jdbi.withExtension(DispatchDao.class, DispatchDao::runningJobs).stream()
              .map(
                  job -> {
                    Queue old = kept.get(job.id() + "/" + job.round());
                    return old != null ? old : new Queue(job);
                  })
              .toList();
      jobs = new Jobs(queues, System.nanoTime(), true);
      return queues;
    } finally {
      reloading.unlock();
    }
  }

  private record Jobs(List<Queue> queues, long loadedNanos, boolean loaded) {}

  /** The candidates of one running job's round. */
  final class Queue {
    private final FeedJob job;
    private final RunningJob dispatch;
    private final JobSpec spec;
    private final ConcurrentLinkedDeque<Candidate> queued = new ConcurrentLinkedDeque<>();

    /** Ids of the replicas queued or taken out by a thread that has not given them back yet. */
    private final Set<Long> known = ConcurrentHashMap.newKeySet();

    private final ReentrantLock filling = new ReentrantLock();
    private long cursor; // guarded by filling: the last replica id read

    /** When a fill last found nothing to add (System.nanoTime), or 0. */
    private volatile long dryNanos;

    private Queue(FeedJob job) {
      this.job = job;
      this.dispatch = job.dispatch();
      this.spec = ProtocolJson.fromJson(job.specJson(), JobSpec.class);
    }

    FeedJob job() {
      return job;
    }

    RunningJob dispatch() {
      return dispatch;
    }

    JobSpec spec() {
      return spec;
    }

    private String key() {
      return job.id() + "/" + job.round();
    }

    /**
     * The oldest candidate, now the caller's; the queue is filled from the database first when it
     * is empty. Null when the job's round has no UNSENT replica that is not taken by another
     * thread.
     */
    Candidate take() {
      Candidate next = queued.pollFirst();
      if (next != null) {
        return next;
      }
      if (dryNanos != 0 && System.nanoTime() - dryNanos < JOBS_TTL_NANOS) {
        // the round had nothing more a moment ago: do not ask again on every request
        return null;
      }
      filling.lock();
      try {
        next = queued.pollFirst();
        if (next == null) {
          dryNanos = fill(true) == 0 ? System.nanoTime() : 0;
          next = queued.pollFirst();
        }
        return next;
      } finally {
        filling.unlock();
      }
    }

    /** Candidates the caller could not use, back at the head in their order. */
    void giveBack(List<Candidate> candidates) {
      for (int i = candidates.size() - 1; i >= 0; i--) {
        queued.offerFirst(candidates.get(i));
      }
    }

    /** A candidate claimed, or found gone: it leaves the cache. */
    void drop(Candidate candidate) {
      known.remove(candidate.id());
    }

    /** Fills the queue if it is below half full and no other thread is filling it. */
    void topUp() {
      if (known.size() < perJob / 2 && filling.tryLock()) {
        try {
          fill(false);
        } finally {
          filling.unlock();
        }
      }
    }

    /**
     * Reads UNSENT replicas after the cursor until the queue is full or the index is exhausted,
     * then starts over from the first one next time: a replica passed over while another thread
     * held it is found on the next pass. With {@code untilOne}, keeps reading while pages bring
     * only replicas already known, so that an empty queue stays empty only if the round has no
     * other UNSENT replica. Returns how many it added.
     */
    private int fill(boolean untilOne) {
      int want = perJob - known.size();
      if (want <= 0) {
        return 0;
      }
      int added = 0;
      boolean restarted = false;
      while (true) {
        List<Candidate> page =
            jdbi.withExtension(
                DispatchDao.class, dao -> dao.sendable(job.id(), job.round(), cursor, want));
        for (Candidate candidate : page) {
          if (known.add(candidate.id())) {
            queued.offerLast(candidate);
            added++;
          }
        }
        if (page.size() < want) {
          boolean fromStart = cursor == 0;
          cursor = 0;
          if (added > 0 || !untilOne || fromStart || restarted) {
            return added;
          }
          restarted = true;
        } else {
          cursor = page.get(page.size() - 1).id();
          if (added > 0 || !untilOne) {
            return added;
          }
        }
      }
    }
  }
}
