package io.axon.coordinator.account;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code accounts} table: volunteers and the SHA-256 of their keys. */
@RegisterConstructorMapper(AccountRow.class)
public interface AccountDao {
  String COLUMNS =
      "id, name, total_credit, expavg_credit, expavg_millis, total_earnings, created_at";

  @SqlUpdate("INSERT INTO accounts (name, key_sha256, created_at) VALUES (:name, :keySha256, :now)")
  @GetGeneratedKeys("id")
  long insert(
      @Bind("name") String name, @Bind("keySha256") String keySha256, @Bind("now") Instant now);

  /** By key: the unique index on {@code key_sha256}. */
  @SqlQuery("SELECT " + COLUMNS + " FROM accounts WHERE key_sha256 = :keySha256")
  Optional<AccountRow> findByKeySha256(@Bind("keySha256") String keySha256);

  @SqlQuery("SELECT " + COLUMNS + " FROM accounts WHERE id = :id")
  Optional<AccountRow> find(@Bind("id") long id);
}
