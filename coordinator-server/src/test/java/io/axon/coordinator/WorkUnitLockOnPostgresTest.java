package io.axon.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.coordinator.workunit.ReplicaDao;
import io.axon.coordinator.workunit.WorkUnitDao;
import java.nio.file.Path;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The work unit's row lock on PostgreSQL (taken by the transitioner and the upload path of every
 * coordinator): it excludes the other lockers, but not transactions that add rows referring to the
 * unit, whose foreign key takes a KEY SHARE lock on it.
 */
class WorkUnitLockOnPostgresTest {
  @RegisterExtension static final PostgresServer postgres = new PostgresServer();

  @TempDir Path dir;
  private Jdbi jdbi;
  private long job;
  private long unit;

  @BeforeEach
  void aJobWithOneUnit() {
    try (TestServer server =
        new TestServer(TestServer.config(dir).database(postgres.url(), null, null).build())) {
      job =
          LifecycleTest.submit(
                  server, TestJobs.replicated("locked", 1, 1), TestJobs.separableCsv(200, 71))
              .id();
    }
    jdbi = Jdbi.create(postgres.url()).installPlugin(new SqlObjectPlugin());
    unit =
        jdbi.withHandle(
            h -> h.createQuery("SELECT MIN(id) FROM work_units").mapTo(Long.class).one());
  }

  @Test
  void aLockedUnitStillTakesNewRowsThatReferToIt() {
    try (Handle locker = jdbi.open();
        Handle other = jdbi.open()) {
      locker.begin();
      assertThat(locker.attach(WorkUnitDao.class).lock(unit)).isPresent();

      other.begin();
      other.execute("SET LOCAL lock_timeout = '2s'");
      // FOR UPDATE would make this wait for the locker (and time out here)
      other.attach(ReplicaDao.class).insert(unit, job, 1, 0L);
      other.commit();
      locker.commit();
    }
    long replicas =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT COUNT(*) FROM replicas WHERE work_unit_id = :id")
                    .bind("id", unit)
                    .mapTo(Long.class)
                    .one());
    assertThat(replicas).as("the unit's two replicas and the new one").isEqualTo(3);
  }

  @Test
  void aLockedUnitKeepsOutASecondLocker() {
    try (Handle locker = jdbi.open();
        Handle other = jdbi.open()) {
      locker.begin();
      locker.attach(WorkUnitDao.class).lock(unit);

      other.begin();
      other.execute("SET LOCAL lock_timeout = '300ms'");
      assertThatThrownBy(() -> other.attach(WorkUnitDao.class).lock(unit))
          .hasMessageContaining("lock timeout");
      other.rollback();
      locker.rollback();
    }
  }
}
