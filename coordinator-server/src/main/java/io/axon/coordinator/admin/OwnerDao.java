package io.axon.coordinator.admin;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code owners}, {@code owner_links} and {@code owner_sessions} tables. */
@RegisterConstructorMapper(Owner.class)
@RegisterConstructorMapper(OwnerDao.Login.class)
@RegisterConstructorMapper(OwnerDao.Link.class)
@RegisterConstructorMapper(OwnerDao.Session.class)
interface OwnerDao {
  /** What checking a password needs. */
  record Login(long id, String name, boolean admin, String passwordHash) {}

  record Link(String kind, Long ownerId, boolean admin, Instant expiresAt, Instant usedAt) {}

  record Session(long id, String name, boolean admin, String csrfToken) {}

  @SqlUpdate(
      "INSERT INTO owners (name, password_hash, is_admin, created_at)"
          + " VALUES (:name, :passwordHash, :admin, :now)")
  @GetGeneratedKeys("id")
  long insert(
      @Bind("name") String name,
      @Bind("passwordHash") String passwordHash,
      @Bind("admin") boolean admin,
      @Bind("now") Instant now);

  @SqlQuery("SELECT COUNT(*) FROM owners")
  long count();

  @SqlQuery("SELECT id, name, is_admin AS admin FROM owners ORDER BY name")
  List<Owner> all();

  @SqlQuery(
      "SELECT id, name, is_admin AS admin, password_hash FROM owners WHERE LOWER(name) ="
          + " LOWER(:name)")
  Optional<Login> login(@Bind("name") String name);

  @SqlQuery("SELECT id, name, is_admin AS admin FROM owners WHERE api_token_sha256 = :tokenSha256")
  Optional<Owner> findByApiToken(@Bind("tokenSha256") String tokenSha256);

  @SqlUpdate("UPDATE owners SET password_hash = :passwordHash WHERE id = :id")
  int setPassword(@Bind("id") long id, @Bind("passwordHash") String passwordHash);

  @SqlUpdate("UPDATE owners SET api_token_sha256 = :tokenSha256 WHERE id = :id")
  int setApiToken(@Bind("id") long id, @Bind("tokenSha256") String tokenSha256);

  @SqlUpdate(
      "INSERT INTO owner_links (token_sha256, kind, owner_id, is_admin, created_at, expires_at)"
          + " VALUES (:tokenSha256, :kind, :ownerId, :admin, :now, :expiresAt)")
  void insertLink(
      @Bind("tokenSha256") String tokenSha256,
      @Bind("kind") String kind,
      @Bind("ownerId") Long ownerId,
      @Bind("admin") boolean admin,
      @Bind("now") Instant now,
      @Bind("expiresAt") Instant expiresAt);

  @SqlQuery(
      "SELECT kind, owner_id, is_admin AS admin, expires_at, used_at FROM owner_links"
          + " WHERE token_sha256 = :tokenSha256")
  Optional<Link> link(@Bind("tokenSha256") String tokenSha256);

  /** Spends a link; 0 if it was spent already (by another request, maybe at the same time). */
  @SqlUpdate(
      "UPDATE owner_links SET used_at = :now"
          + " WHERE token_sha256 = :tokenSha256 AND used_at IS NULL AND expires_at > :now")
  int useLink(@Bind("tokenSha256") String tokenSha256, @Bind("now") Instant now);

  @SqlUpdate(
      "INSERT INTO owner_sessions (id_sha256, owner_id, csrf_token, created_at, expires_at)"
          + " VALUES (:idSha256, :ownerId, :csrfToken, :now, :expiresAt)")
  void insertSession(
      @Bind("idSha256") String idSha256,
      @Bind("ownerId") long ownerId,
      @Bind("csrfToken") String csrfToken,
      @Bind("now") Instant now,
      @Bind("expiresAt") Instant expiresAt);

  @SqlQuery(
      "SELECT o.id, o.name, o.is_admin AS admin, s.csrf_token FROM owner_sessions s"
          + " JOIN owners o ON o.id = s.owner_id"
          + " WHERE s.id_sha256 = :idSha256 AND s.expires_at > :now")
  Optional<Session> session(@Bind("idSha256") String idSha256, @Bind("now") Instant now);

  @SqlUpdate("DELETE FROM owner_sessions WHERE id_sha256 = :idSha256 OR expires_at <= :now")
  int deleteSession(@Bind("idSha256") String idSha256, @Bind("now") Instant now);

  @SqlUpdate("INSERT INTO job_owners (job_id, owner_id) VALUES (:jobId, :ownerId)")
  void insertJobOwner(@Bind("jobId") long jobId, @Bind("ownerId") long ownerId);
}
