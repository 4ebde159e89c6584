package io.axon.coordinator.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.axon.coordinator.CoordinatorConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The connection pool, its schema migrations and the JDBI handle every DAO is attached to. */
@Singleton
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);
  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final List<Runnable> beforeClose = new CopyOnWriteArrayList<>();

  @Inject
  public Database(CoordinatorConfig config) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("axon-db");
    hikari.setJdbcUrl(config.jdbcUrl());
    hikari.setUsername(config.dbUser());
    hikari.setPassword(config.dbPassword());
    hikari.setMaximumPoolSize(8);
    this.dataSource = new HikariDataSource(hikari);
    this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
  }

  /** Brings the schema up to date (Flyway, {@code classpath:db/migration}). */
  public void migrate() {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  /** Runs {@code hook} when the database closes, before its connections do (last added first). */
  public void beforeClose(Runnable hook) {
    beforeClose.add(0, hook);
  }

  @Override
  public void close() {
    for (Runnable hook : beforeClose) {
      try {
        hook.run();
      } catch (RuntimeException e) {
        log.error("before closing the database", e);
      }
    }
    beforeClose.clear();
    dataSource.close();
  }
}
