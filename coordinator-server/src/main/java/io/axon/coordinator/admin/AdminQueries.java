package io.axon.coordinator.admin;

import io.axon.coordinator.credit.RecentAverage;
import io.axon.coordinator.db.Database;
import io.axon.coordinator.job.JobDao;
import io.axon.coordinator.job.JobRow;
import io.axon.core.protocol.JobSpec;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** Read-only counts for the pages: a job's units and replicas, its hosts, the leaderboard. */
@Singleton
public final class AdminQueries {
  private final Jdbi jdbi;
  private final Clock clock;

  @Inject
  public AdminQueries(Database database, Clock clock) {
    this.jdbi = database.jdbi();
    this.clock = clock;
  }

  /** A host working on a job now: how many of its replicas it holds. */
  public record WorkingHost(long hostId, String name, String accountName, int replicas) {}

  /** One row of the leaderboard. */
  public record Volunteer(String name, double totalCredit, double recentAverageCredit, int hosts) {}

  /** The spec a job was submitted with. */
  public JobSpec spec(long jobId) {
    return jdbi.withHandle(h -> h.attach(JobDao.class).find(jobId))
        .map(JobRow::spec)
        .orElseThrow(() -> new AdminException(404, "There is no job " + jobId + "."));
  }

  /** Work units of a job's current round by state, e.g. {OPEN=3, VALIDATED=1}. */
  public Map<String, Long> unitsByState(long jobId, int round) {
    return counts(
        "SELECT state, COUNT(*) FROM work_units WHERE job_id = :job AND round = :round"
            + " GROUP BY state ORDER BY state",
        jobId,
        round);
  }

  /** Replicas of a job's current round by server state (UNSENT, IN_PROGRESS, OVER). */
  public Map<String, Long> replicasByState(long jobId, int round) {
    return counts(
        "SELECT server_state, COUNT(*) FROM replicas WHERE job_id = :job AND round = :round"
            + " GROUP BY server_state ORDER BY server_state",
        jobId,
        round);
  }

  public List<WorkingHost> workingHosts(long jobId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT r.host_id, h.name, a.name, COUNT(*) FROM replicas r"
                        + " JOIN hosts h ON h.id = r.host_id"
                        + " LEFT JOIN accounts a ON a.id = h.account_id"
                        + " WHERE r.job_id = :job AND r.server_state = 'IN_PROGRESS'"
                        + " GROUP BY r.host_id, h.name, a.name ORDER BY h.name")
                .bind("job", jobId)
                .map(
                    (rs, c) ->
                        new WorkingHost(
                            rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4)))
                .list());
  }

  /** The volunteers with most credit, their recent average decayed to now. */
  public List<Volunteer> leaderboard(int limit) {
    long now = clock.millis();
    return jdbi
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT a.name, a.total_credit, a.expavg_credit, a.expavg_millis,"
                            + " (SELECT COUNT(*) FROM hosts h WHERE h.account_id = a.id)"
                            + " FROM accounts a ORDER BY a.total_credit DESC, a.id"
                            + " LIMIT :limit")
                    .bind("limit", limit)
                    .map(
                        (rs, c) ->
                            new Volunteer(
                                rs.getString(1),
                                rs.getDouble(2),
                                RecentAverage.at(rs.getDouble(3), rs.getLong(4), now),
                                rs.getInt(5)))
                    .list())
        .stream()
        .sorted(Comparator.comparingDouble(Volunteer::totalCredit).reversed())
        .toList();
  }

  private Map<String, Long> counts(String sql, long jobId, int round) {
    return jdbi.withHandle(
        h -> {
          Map<String, Long> counts = new LinkedHashMap<>();
          h.createQuery(sql)
              .bind("job", jobId)
              .bind("round", round)
              .map((rs, c) -> Map.entry(rs.getString(1), rs.getLong(2)))
              .forEach(e -> counts.put(e.getKey(), e.getValue()));
          return counts;
        });
  }
}
