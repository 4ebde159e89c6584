package io.axon.coordinator.admin;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.axon.coordinator.db.Database;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Project-owner accounts: bcrypt passwords, one-time login and invitation links, login sessions
 * with their CSRF token, and API tokens for the JSON job API. Knows nothing of HTTP.
 */
@Singleton
public final class OwnerService {
  private static final Logger log = LoggerFactory.getLogger(OwnerService.class);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
  static final int MIN_PASSWORD = 10;
  static final int BCRYPT_COST = 10;
  static final Duration SESSION = Duration.ofHours(12);
  static final Duration LINK = Duration.ofDays(1);

  /** The account the first start creates; its password is set through a one-time login. */
  public static final String BOOTSTRAP_ADMIN = "admin";

  private final Jdbi jdbi;
  private final Clock clock;
  private final LoginThrottle throttle;

  @Inject
  public OwnerService(Database database, Clock clock) {
    this.jdbi = database.jdbi();
    this.clock = clock;
    this.throttle = new LoginThrottle(clock);
  }

  /** A session: the cookie value (shown once) and the owner with the session's CSRF token. */
  public record NewSession(String id, Session session) {}

  /** A logged-in owner and the CSRF token its forms must carry. */
  public record Session(Owner owner, String csrfToken) {}

  /** What a one-time link does, for the page that opens it. */
  public record LinkInfo(String kind, String ownerName, boolean admin) {}

  /**
   * On a database without owners: creates the bootstrap admin and returns a one-time login token
   * for it; also when the admin has never logged in and no link is open (a restart before the first
   * login). Empty once the admin has a password.
   */
  public Optional<String> bootstrap() {
    return jdbi.inTransaction(
        h -> {
          OwnerDao dao = h.attach(OwnerDao.class);
          Instant now = clock.instant();
          long ownerId;
          if (dao.count() == 0) {
            ownerId = dao.insert(BOOTSTRAP_ADMIN, null, true, now);
          } else {
            Optional<OwnerDao.Login> admin = dao.login(BOOTSTRAP_ADMIN);
            if (admin.isEmpty() || admin.get().passwordHash() != null) {
              return Optional.empty();
            }
            ownerId = admin.get().id();
          }
          String token = Tokens.random();
          dao.insertLink(Tokens.sha256(token), "LOGIN", ownerId, true, now, now.plus(LINK));
          return Optional.of(token);
        });
  }

  /** Logs in with a password, or says (as the exception's message) why not. */
  public NewSession login(String name, String password, String address) {
    String account = name == null ? "" : name.trim();
    Optional<String> wait = throttle.refusal(account, address);
    if (wait.isPresent()) {
      throw new AdminException(429, wait.get());
    }
    Optional<OwnerDao.Login> login = jdbi.onDemand(OwnerDao.class).login(account);
    boolean ok =
        login.isPresent()
            && login.get().passwordHash() != null
            && password != null
            && BCrypt.verifyer()
                .verify(
                    password.getBytes(StandardCharsets.UTF_8),
                    login.get().passwordHash().getBytes(StandardCharsets.UTF_8))
                .verified;
    if (!ok) {
      throttle.failed(account, address);
      log.info("failed login as '{}' from {}", account, address);
      throw new AdminException(401, "Wrong name or password.");
    }
    throttle.succeeded(account);
    OwnerDao.Login found = login.get();
    return newSession(new Owner(found.id(), found.name(), found.admin()));
  }

  /** The session whose cookie value is {@code id}, unless it expired. */
  public Optional<Session> session(String id) {
    if (id == null || id.isBlank()) {
      return Optional.empty();
    }
    return jdbi.onDemand(OwnerDao.class)
        .session(Tokens.sha256(id), clock.instant())
        .map(s -> new Session(new Owner(s.id(), s.name(), s.admin()), s.csrfToken()));
  }

  public void logout(String id) {
    if (id != null) {
      jdbi.onDemand(OwnerDao.class).deleteSession(Tokens.sha256(id), clock.instant());
    }
  }

  /** The owner an API token belongs to. */
  public Optional<Owner> byApiToken(String token) {
    if (token == null || token.isBlank()) {
      return Optional.empty();
    }
    return jdbi.onDemand(OwnerDao.class).findByApiToken(Tokens.sha256(token.trim()));
  }

  /** A new API token for {@code owner}, replacing the old one; shown once. */
  public String newApiToken(Owner owner) {
    String token = Tokens.random();
    jdbi.onDemand(OwnerDao.class).setApiToken(owner.id(), Tokens.sha256(token));
    log.info("owner '{}' made a new API token", owner.name());
    return token;
  }

  public List<Owner> all() {
    return jdbi.onDemand(OwnerDao.class).all();
  }

  /** An admin creates an owner with a password. */
  public Owner create(String name, String password, boolean admin) {
    String checkedName = checkName(name);
    String hash = hash(password);
    return jdbi.inTransaction(
        h -> {
          OwnerDao dao = h.attach(OwnerDao.class);
          if (dao.login(checkedName).isPresent()) {
            throw new AdminException(409, "An owner named '" + checkedName + "' exists already.");
          }
          long id = dao.insert(checkedName, hash, admin, clock.instant());
          log.info("owner '{}' created{}", checkedName, admin ? " (admin)" : "");
          return new Owner(id, checkedName, admin);
        });
  }

  /** A link with which someone creates their own owner account, once, within a day. */
  public String invite(boolean admin) {
    String token = Tokens.random();
    Instant now = clock.instant();
    jdbi.onDemand(OwnerDao.class)
        .insertLink(Tokens.sha256(token), "INVITE", null, admin, now, now.plus(LINK));
    return token;
  }

  /** What an unspent, unexpired link does. */
  public LinkInfo link(String token) {
    OwnerDao dao = jdbi.onDemand(OwnerDao.class);
    OwnerDao.Link link = openLink(dao, token);
    String ownerName =
        link.ownerId() == null
            ? null
            : dao.all().stream()
                .filter(o -> o.id() == link.ownerId())
                .map(Owner::name)
                .findFirst()
                .orElse(null);
    return new LinkInfo(link.kind(), ownerName, link.admin());
  }

  /**
   * Spends a link: a LOGIN link sets its owner's password, an INVITE link creates an owner named
   * {@code name}. Either way the owner is logged in.
   */
  public NewSession useLink(String token, String name, String password) {
    String hash = hash(password);
    Owner owner =
        jdbi.inTransaction(
            h -> {
              OwnerDao dao = h.attach(OwnerDao.class);
              OwnerDao.Link link = openLink(dao, token);
              Owner who;
              if (link.kind().equals("LOGIN")) {
                who =
                    dao.all().stream()
                        .filter(o -> o.id() == link.ownerId())
                        .findFirst()
                        .orElseThrow(() -> new AdminException(404, "This link's owner is gone."));
                dao.setPassword(who.id(), hash);
              } else {
                String checkedName = checkName(name);
                if (dao.login(checkedName).isPresent()) {
                  throw new AdminException(
                      409, "An owner named '" + checkedName + "' exists already.");
                }
                long id = dao.insert(checkedName, hash, link.admin(), clock.instant());
                who = new Owner(id, checkedName, link.admin());
              }
              if (dao.useLink(Tokens.sha256(token), clock.instant()) != 1) {
                throw new AdminException(410, "This link has been used already.");
              }
              return who;
            });
    log.info("owner '{}' used a one-time link", owner.name());
    return newSession(owner);
  }

  /** Records that {@code owner} submitted {@code jobId}. */
  public void ownsJob(Owner owner, long jobId) {
    jdbi.onDemand(OwnerDao.class).insertJobOwner(jobId, owner.id());
  }

  private NewSession newSession(Owner owner) {
    String id = Tokens.random();
    String csrf = Tokens.random();
    Instant now = clock.instant();
    jdbi.onDemand(OwnerDao.class)
        .insertSession(Tokens.sha256(id), owner.id(), csrf, now, now.plus(SESSION));
    return new NewSession(id, new Session(owner, csrf));
  }

  private OwnerDao.Link openLink(OwnerDao dao, String token) {
    OwnerDao.Link link =
        dao.link(Tokens.sha256(token == null ? "" : token))
            .orElseThrow(() -> new AdminException(404, "This link is not valid."));
    if (link.usedAt() != null) {
      throw new AdminException(410, "This link has been used already.");
    }
    if (!link.expiresAt().isAfter(clock.instant())) {
      throw new AdminException(410, "This link has expired; ask an admin for a new one.");
    }
    return link;
  }

  private static String checkName(String name) {
    String trimmed = name == null ? "" : name.trim();
    if (!NAME.matcher(trimmed).matches()) {
      throw new AdminException(
          400, "A name is 1 to 64 letters, digits, '.', '_', '@' or '-'; got '" + trimmed + "'.");
    }
    return trimmed;
  }

  private static String hash(String password) {
    if (password == null || password.length() < MIN_PASSWORD) {
      throw new AdminException(400, "A password needs at least " + MIN_PASSWORD + " characters.");
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > 72) {
      throw new AdminException(400, "A password may have at most 72 bytes (bcrypt's limit).");
    }
    return BCrypt.withDefaults().hashToString(BCRYPT_COST, password.toCharArray());
  }
}
