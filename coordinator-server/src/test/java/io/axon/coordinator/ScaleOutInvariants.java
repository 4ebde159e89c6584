package io.axon.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.axon.coordinator.credit.Cobblestones;
import io.axon.coordinator.workunit.Assimilator;
import io.axon.core.common.Sha256;
import io.axon.core.protocol.JobSpec;
import io.axon.core.protocol.JobStatus;
import io.axon.core.protocol.ProtocolJson;
import io.axon.core.training.Model;
import io.axon.core.training.ModelFormat;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * What must hold in the database after several coordinators ran jobs on it, whatever the
 * interleaving: the guarantees of docs/COORDINATOR.md, "Running several coordinators on
 * PostgreSQL", checked row by row.
 */
final class ScaleOutInvariants {
  private final Jdbi jdbi;

  ScaleOutInvariants(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** A sent replica: the host it went to, as the database recorded it. */
  private record Sent(long replicaId, long workUnitId, long hostId) {}

  /**
   * Every replica the database shows as sent went to one host; every unit a volunteer was given is
   * one of that host's replicas in the database (a claim that two coordinators both won would give
   * the unit to a host the row does not name); so no unit reached more hosts than it has sent
   * replicas. With {@code exactly}, every sent replica was also started by its host (no lost
   * replies, nothing resent).
   */
  void assertEveryReplicaSentToOneHostAtMostOnce(
      List<RunningEngines.Receipt> receipts, boolean exactly) {
    assertThat(
            count(
                "SELECT COUNT(*) FROM replicas WHERE server_state <> 'UNSENT'"
                    + " AND outcome IS DISTINCT FROM 'DIDNT_NEED'"
                    + " AND (host_id IS NULL OR sent_millis IS NULL OR owner IS NULL)"))
        .as("replicas sent without a host")
        .isZero();
    assertThat(count("SELECT COUNT(*) FROM replicas WHERE server_state = 'UNSENT' AND host_id > 0"))
        .as("unsent replicas with a host")
        .isZero();
    List<Sent> sent =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT id, work_unit_id, host_id FROM replicas WHERE host_id IS NOT NULL")
                    .map(
                        (rs, ctx) ->
                            new Sent(
                                rs.getLong("id"),
                                rs.getLong("work_unit_id"),
                                rs.getLong("host_id")))
                    .list());
    Set<List<Long>> sentPairs = new HashSet<>();
    Map<Long, Integer> sentPerUnit = new HashMap<>();
    for (Sent s : sent) {
      assertThat(sentPairs.add(List.of(s.hostId(), s.workUnitId())))
          .as("host %d holds two replicas of unit %d", s.hostId(), s.workUnitId())
          .isTrue();
      sentPerUnit.merge(s.workUnitId(), 1, Integer::sum);
    }

    assertThat(receipts).as("volunteers received work").isNotEmpty();
    Set<List<Long>> received = new HashSet<>();
    Map<Long, Set<Long>> hostsPerUnit = new HashMap<>();
    for (RunningEngines.Receipt r : receipts) {
      assertThat(r.hostId()).as("%s knew its host id", r.engine()).isPositive();
      received.add(List.of(r.hostId(), r.workUnitId()));
      hostsPerUnit.computeIfAbsent(r.workUnitId(), u -> new HashSet<>()).add(r.hostId());
    }
    assertThat(sentPairs)
        .as("every (host, unit) a volunteer trained is a replica of that host")
        .containsAll(received);
    hostsPerUnit.forEach(
        (unit, hosts) ->
            assertThat(hosts.size())
                .as("hosts that trained unit %d", unit)
                .isLessThanOrEqualTo(sentPerUnit.getOrDefault(unit, 0)));
    if (exactly) {
      assertThat(received).as("every sent replica was trained by its host").isEqualTo(sentPairs);
    }
  }

  /** Replicas belong to an owner (account, or the host alone): never two of a unit per owner. */
  void assertNoUnitHasTwoReplicasOnOneAccount() {
    List<Map<String, Object>> shared =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT r.work_unit_id, h.account_id, COUNT(*) AS n FROM replicas r"
                            + " JOIN hosts h ON h.id = r.host_id"
                            + " WHERE h.account_id IS NOT NULL"
                            + " GROUP BY r.work_unit_id, h.account_id HAVING COUNT(*) > 1")
                    .mapToMap()
                    .list());
    assertThat(shared).as("units with two replicas on hosts of one account").isEmpty();
    assertThat(count("SELECT COUNT(*) FROM hosts WHERE account_id IS NULL"))
        .as("anonymous hosts (the test attaches every host to an account)")
        .isZero();
  }

  /**
   * The ledger has exactly one row per VALID replica, for that replica's host, unit and flops; the
   * totals of hosts and accounts are the sums of their ledger rows.
   */
  void assertCreditPaidOncePerValidReplica() {
    List<Long> paid =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT replica_id FROM credit_ledger ORDER BY replica_id")
                    .mapTo(Long.class)
                    .list());
    List<Long> valid =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT id FROM replicas WHERE validate_state = 'VALID' ORDER BY id")
                    .mapTo(Long.class)
                    .list());
    assertThat(valid).as("valid replicas").isNotEmpty();
    assertThat(paid).as("ledger rows by replica").isEqualTo(valid);
    assertThat(
            count(
                "SELECT COUNT(*) FROM credit_ledger l JOIN replicas r ON r.id = l.replica_id"
                    + " JOIN work_units w ON w.id = r.work_unit_id"
                    + " JOIN hosts h ON h.id = r.host_id"
                    + " WHERE l.host_id <> r.host_id OR l.work_unit_id <> r.work_unit_id"
                    + " OR l.job_id <> w.job_id OR l.flops <> w.flops"
                    + " OR l.account_id IS DISTINCT FROM h.account_id"))
        .as("ledger rows that disagree with their replica")
        .isZero();
    jdbi.useHandle(
        h ->
            h.createQuery("SELECT flops, credit FROM credit_ledger")
                .map((rs, ctx) -> new double[] {Cobblestones.of(rs.getLong(1)), rs.getDouble(2)})
                .forEach(row -> assertThat(row[1]).as("credit of its flops").isEqualTo(row[0])));
    for (String table : List.of("hosts", "accounts")) {
      String key = table.equals("hosts") ? "host_id" : "account_id";
      List<double[]> totals =
          jdbi.withHandle(
              h ->
                  h.createQuery(
                          "SELECT t.id, t.total_credit,"
                              + " (SELECT COALESCE(SUM(l.credit), 0) FROM credit_ledger l"
                              + " WHERE l."
                              + key
                              + " = t.id) AS ledger FROM "
                              + table
                              + " t")
                      .map(
                          (rs, ctx) ->
                              new double[] {
                                rs.getLong("id"),
                                rs.getDouble("total_credit"),
                                rs.getDouble("ledger")
                              })
                      .list());
      for (double[] t : totals) {
        assertThat(t[1])
            .as("%s %d: total credit against its ledger rows", table, (long) t[0])
            .isCloseTo(t[2], within(1e-9 * Math.max(1, t[2])));
      }
    }
  }

  /**
   * Each round closed once, from {@code shards} VALIDATED units whose canonical replica is VALID
   * and carries the unit's result, agreed with by every other VALID replica; the round's model is
   * the FedAvg of those canonical results, the next round trained from it, and the job's model is
   * the last one.
   */
  void assertRoundsClosedOnceFromTheirCanonicalResults(long jobId, JobStatus status) {
    JobSpec spec =
        ProtocolJson.fromJson(
            jdbi.withHandle(
                h ->
                    h.createQuery("SELECT spec_json FROM jobs WHERE id = :id")
                        .bind("id", jobId)
                        .mapTo(String.class)
                        .one()),
            JobSpec.class);
    Map<Integer, Long> rowsByShard =
        jdbi.withHandle(
            h ->
                h
                    .createQuery("SELECT shard_index, row_count FROM shards WHERE job_id = :id")
                    .bind("id", jobId)
                    .map((rs, ctx) -> Map.entry(rs.getInt(1), rs.getLong(2)))
                    .list()
                    .stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    List<String> roundModels =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT model_sha256 FROM round_metrics WHERE job_id = :id ORDER BY round")
                    .bind("id", jobId)
                    .mapTo(String.class)
                    .list());
    int rounds = spec.rounds();
    assertThat(roundModels).as("rounds closed").hasSize(rounds);
    assertThat(status.metrics()).hasSize(rounds);
    assertThat(status.modelSha256()).isEqualTo(roundModels.get(rounds - 1));

    for (int round = 1; round <= rounds; round++) {
      int r = round;
      List<Map<String, Object>> units =
          jdbi.withHandle(
              h ->
                  h.createQuery(
                          "SELECT w.id, w.shard_index, w.state, w.model_sha256, w.result_sha256,"
                              + " c.work_unit_id AS c_unit, c.validate_state AS c_state,"
                              + " c.result_sha256 AS c_result, w.min_quorum"
                              + " FROM work_units w"
                              + " LEFT JOIN replicas c ON c.id = w.canonical_replica_id"
                              + " WHERE w.job_id = :job AND w.round = :round ORDER BY w.shard_index")
                      .bind("job", jobId)
                      .bind("round", r)
                      .mapToMap()
                      .list());
      assertThat(units).as("units of round %d", r).hasSize(spec.shards());
      List<Model> models = new ArrayList<>();
      long[] rows = new long[units.size()];
      for (int i = 0; i < units.size(); i++) {
        Map<String, Object> u = units.get(i);
        long unitId = ((Number) u.get("id")).longValue();
        String result = (String) u.get("result_sha256");
        assertThat(u.get("state")).as("unit %d", unitId).isEqualTo("VALIDATED");
        assertThat(((Number) u.get("c_unit")).longValue()).isEqualTo(unitId);
        assertThat(u.get("c_state")).isEqualTo("VALID");
        assertThat(u.get("c_result")).isEqualTo(result);
        String expectedStart = r == 1 ? null : roundModels.get(r - 2);
        if (expectedStart != null) {
          assertThat(u.get("model_sha256"))
              .as("unit %d trains from", unitId)
              .isEqualTo(expectedStart);
        }
        List<String> validResults =
            jdbi.withHandle(
                h ->
                    h.createQuery(
                            "SELECT result_sha256 FROM replicas"
                                + " WHERE work_unit_id = :id AND validate_state = 'VALID'")
                        .bind("id", unitId)
                        .mapTo(String.class)
                        .list());
        assertThat(validResults)
            .as("valid replicas of unit %d", unitId)
            .hasSizeGreaterThanOrEqualTo(((Number) u.get("min_quorum")).intValue())
            .containsOnly(result);
        models.add(ModelFormat.decode(blob(result)));
        rows[i] = rowsByShard.get(((Number) u.get("shard_index")).intValue());
      }
      byte[] merged = ModelFormat.encode(Assimilator.merge(spec.aggregation(), models, rows));
      assertThat(Sha256.hex(merged))
          .as("round %d's model is the average of its canonical results", r)
          .isEqualTo(roundModels.get(r - 1));
    }
  }

  private byte[] blob(String sha256) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    jdbi.useHandle(
        h ->
            h.createQuery(
                    "SELECT content FROM blob_chunks WHERE sha256 = :sha ORDER BY chunk_index")
                .bind("sha", sha256)
                .mapTo(byte[].class)
                .forEach(bytes::writeBytes));
    return bytes.toByteArray();
  }

  private long count(String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }
}
