package io.axon.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** V10 carries the units of a database made before replicas existed over to the new lifecycle. */
class ReplicaMigrationTest {
  @TempDir Path dir;

  @Test
  void unitsOfTheSingleReplicaLifecycleBecomeOneReplicaEachWhereTheyStood() {
    String url = CoordinatorConfig.builder(dir).build().jdbcUrl();
    Flyway.configure().dataSource(url, null, null).target("2").load().migrate();
    Jdbi jdbi = Jdbi.create(url);
    jdbi.useHandle(
        h -> {
          h.execute(
              "INSERT INTO hosts (name, platform, cores, memory_bytes, client_version,"
                  + " token_sha256, state, threads, created_at, last_seen)"
                  + " VALUES ('old', 'p', 2, 1, 'v', 't', 'IDLE', 0, CURRENT_TIMESTAMP,"
                  + " CURRENT_TIMESTAMP)");
          for (String sha : List.of("m", "h", "s", "r")) {
            h.execute(
                "INSERT INTO blobs (sha256, size_bytes, created_at) VALUES (?, 1,"
                    + " CURRENT_TIMESTAMP)",
                sha);
          }
          h.execute(
              "INSERT INTO jobs (name, state, spec_json, feature_columns_json, round, rounds,"
                  + " inputs, outputs, train_rows, holdout_rows, model_sha256, holdout_sha256,"
                  + " created_at) VALUES ('j', 'RUNNING', '{\"name\":\"j\",\"model\":\"MLP\"}',"
                  + " '[]', 1, 2, 2, 3, 10, 2, 'm', 'h', CURRENT_TIMESTAMP)");
          h.execute("INSERT INTO shards VALUES (1, 0, 's', 5)");
          h.execute(
              "INSERT INTO work_units (job_id, round, shard_index, state, seed, model_sha256,"
                  + " flops) VALUES (1, 1, 0, 'UNSENT', 1, 'm', 10)");
          h.execute(
              "INSERT INTO work_units (job_id, round, shard_index, state, seed, model_sha256,"
                  + " flops, host_id, sent_millis, deadline_millis)"
                  + " VALUES (1, 1, 1, 'IN_PROGRESS', 2, 'm', 10, 1, 100, 200)");
          h.execute(
              "INSERT INTO work_units (job_id, round, shard_index, state, seed, model_sha256,"
                  + " flops, host_id, sent_millis, deadline_millis, result_sha256,"
                  + " finished_millis) VALUES (1, 1, 2, 'DONE', 3, 'm', 10, 1, 100, 200, 'r',"
                  + " 150)");
        });

    Flyway.configure().dataSource(url, null, null).load().migrate();

    List<Map<String, Object>> replicas =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT r.work_unit_id AS unit, r.server_state AS state, r.outcome,"
                            + " r.validate_state AS v, r.host_id AS host, r.owner,"
                            + " r.deadline_millis AS deadline, w.state AS unit_state,"
                            + " w.canonical_replica_id AS canonical, r.id AS id"
                            + " FROM replicas r JOIN work_units w ON w.id = r.work_unit_id"
                            + " ORDER BY r.work_unit_id")
                    .mapToMap()
                    .list());
    assertThat(replicas).hasSize(3);
    assertThat(replicas.get(0))
        .containsEntry("state", "UNSENT")
        .containsEntry("unit_state", "OPEN")
        .containsEntry("host", null);
    assertThat(replicas.get(1))
        .containsEntry("state", "IN_PROGRESS")
        .containsEntry("owner", "h1")
        .containsEntry("deadline", 200L)
        .containsEntry("unit_state", "OPEN");
    assertThat(replicas.get(2))
        .containsEntry("state", "OVER")
        .containsEntry("outcome", "SUCCESS")
        .containsEntry("v", "VALID")
        .containsEntry("unit_state", "VALIDATED")
        .containsEntry("canonical", replicas.get(2).get("id"));
    String kernel =
        jdbi.withHandle(h -> h.createQuery("SELECT kernel FROM jobs").mapTo(String.class).one());
    assertThat(kernel).isEqualTo("MLP");
  }
}
