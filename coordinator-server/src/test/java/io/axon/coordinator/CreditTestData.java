package io.axon.coordinator;

import io.axon.coordinator.credit.CreditGranter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Rows that credit tests grant for, written by SQL: a job with a payout rate, its work units, hosts
 * attached to accounts, and replica ids. Only what the credit tables refer to.
 */
public final class CreditTestData {
  private static final String BLOB = "0".repeat(64);
  private static final AtomicLong REPLICAS = new AtomicLong(1_000_000);

  private final Jdbi jdbi;
  private volatile Boolean hasReplicas;

  public CreditTestData(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** A finished job (no lifecycle role touches it) paying {@code payoutPerCredit} per credit. */
  public long job(String name, String payoutPerCredit) {
    return jdbi.inTransaction(
        h -> {
          h.execute(
              "INSERT INTO blobs (sha256, size_bytes, created_at) SELECT ?, 0, ?"
                  + " WHERE NOT EXISTS (SELECT 1 FROM blobs WHERE sha256 = ?)",
              BLOB,
              Instant.now(),
              BLOB);
          return h.createUpdate(
                  "INSERT INTO jobs (name, state, spec_json, feature_columns_json, round, rounds,"
                      + " inputs, outputs, train_rows, holdout_rows, model_sha256, holdout_sha256,"
                      + " created_at, payout_per_credit) VALUES (:name, 'DONE', '{}', '[]', 0,"
                      + " 1, 2, 1, 100, 10, :blob, :blob, :now, :rate)")
              .bind("name", name)
              .bind("blob", BLOB)
              .bind("now", Instant.now())
              .bind("rate", new BigDecimal(payoutPerCredit))
              .executeAndReturnGeneratedKeys("id")
              .mapTo(long.class)
              .one();
        });
  }

  /** A work unit of {@code jobId} with {@code flops} operations. */
  public long workUnit(long jobId, long flops) {
    return jdbi.withHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO work_units (job_id, round, shard_index, state, seed, model_sha256,"
                        + " flops) VALUES (:job, 0, (SELECT COUNT(*) FROM work_units), 'DONE', 1,"
                        + " :blob, :flops)")
                .bind("job", jobId)
                .bind("blob", BLOB)
                .bind("flops", flops)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(long.class)
                .one());
  }

  /** A host, as registration writes it, without an account. */
  public long host(String name) {
    return jdbi.withHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO hosts (name, platform, cores, memory_bytes, client_version,"
                        + " token_sha256, state, threads, created_at, last_seen) VALUES (:name,"
                        + " 'Linux amd64', 2, 1073741824, 'test-1', :token, 'IDLE', 0, :now, :now)")
                .bind("name", name)
                .bind("token", UUID.randomUUID().toString().replace("-", ""))
                .bind("now", Instant.now())
                .executeAndReturnGeneratedKeys("id")
                .mapTo(long.class)
                .one());
  }

  /** An account opened without the API (only the hash of a random key is stored). */
  public long account(String name) {
    return jdbi.withHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO accounts (name, key_sha256, created_at) VALUES (:name, :key, :now)")
                .bind("name", name)
                .bind("key", UUID.randomUUID().toString().replace("-", "") + "00000000")
                .bind("now", Instant.now())
                .executeAndReturnGeneratedKeys("id")
                .mapTo(long.class)
                .one());
  }

  /**
   * Attaches {@code hostId} to {@code accountId} unless it is attached already (registration with
   * an account key attaches the host itself), and checks it is attached to that account.
   */
  public void attach(long hostId, long accountId) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE hosts SET account_id = :account WHERE id = :host"
                        + " AND account_id IS NULL")
                .bind("account", accountId)
                .bind("host", hostId)
                .execute());
    Long attached =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT account_id FROM hosts WHERE id = :host")
                    .bind("host", hostId)
                    .mapTo(Long.class)
                    .one());
    if (attached == null || attached != accountId) {
      throw new AssertionError(
          "host " + hostId + " is attached to account " + attached + ", not " + accountId);
    }
  }

  /**
   * A replica id for a new grant: a valid replica of {@code workUnitId} on {@code hostId} where the
   * lifecycle's {@code replicas} table exists (the ledger then refers to it), else a number unique
   * in this JVM.
   */
  public long replica(long workUnitId, long hostId) {
    if (!hasReplicas()) {
      return REPLICAS.incrementAndGet();
    }
    // owner left null: tests pay one host several replicas of a unit, which dispatch never does
    return jdbi.withHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO replicas (work_unit_id, job_id, round, server_state, outcome,"
                        + " validate_state, host_id, created_millis) SELECT id, job_id, round,"
                        + " 'OVER', 'SUCCESS', 'VALID', :host, 0 FROM work_units WHERE id = :unit")
                .bind("unit", workUnitId)
                .bind("host", hostId)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(long.class)
                .one());
  }

  /**
   * Replicas 1 to {@code count} of {@code workUnitId}, for ledger rows written in bulk by SQL with
   * those ids; nothing to do before the lifecycle's {@code replicas} table exists.
   */
  public void bulkReplicas(long workUnitId, int count) {
    if (!hasReplicas()) {
      return;
    }
    jdbi.useHandle(
        h ->
            h.execute(
                "INSERT INTO replicas (id, work_unit_id, job_id, round, server_state, outcome,"
                    + " validate_state, created_millis) SELECT r.v, w.id, w.job_id, w.round,"
                    + " 'OVER', 'SUCCESS', 'VALID', 0 FROM work_units w, SYSTEM_RANGE(1, ?) r(v)"
                    + " WHERE w.id = ?",
                count,
                workUnitId));
  }

  private boolean hasReplicas() {
    if (hasReplicas == null) {
      hasReplicas =
          jdbi.withHandle(
              h ->
                  h.createQuery(
                              "SELECT COUNT(*) FROM information_schema.tables"
                                  + " WHERE LOWER(table_name) = 'replicas'"
                                  + " AND table_schema = CURRENT_SCHEMA")
                          .mapTo(long.class)
                          .one()
                      > 0);
    }
    return hasReplicas;
  }

  /** A grant of a new replica of {@code workUnitId} on {@code hostId}. */
  public CreditGranter.Grant grant(
      long jobId, long workUnitId, long hostId, long flops, Instant at) {
    return new CreditGranter.Grant(
        replica(workUnitId, hostId), workUnitId, jobId, hostId, flops, at);
  }

  /** Grants in a transaction of its own, as the validator does. */
  public boolean pay(CreditGranter.Grant grant) {
    return jdbi.inTransaction(h -> new CreditGranter().grant(h, grant));
  }

  public <T> T query(String sql, Class<T> type, Object... args) {
    return jdbi.withHandle(
        h -> {
          var query = h.createQuery(sql);
          for (int i = 0; i < args.length; i++) {
            query.bind(i, args[i]);
          }
          return query.mapTo(type).one();
        });
  }

  Handle open() {
    return jdbi.open();
  }
}
