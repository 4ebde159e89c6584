package io.axon.coordinator.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.coordinator.CoordinatorConfig;
import io.axon.coordinator.db.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerServiceTest {
  private static final String PASSWORD = "correct horse battery";

  @TempDir Path dir;
  Database database;
  OwnerService owners;
  Instant now = Instant.parse("2026-11-25T12:00:00Z");

  @BeforeEach
  void start() {
    database = new Database(CoordinatorConfig.builder(dir).build());
    database.migrate();
    owners = new OwnerService(database, clock());
  }

  @AfterEach
  void stop() {
    database.close();
  }

  private Clock clock() {
    return new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now;
      }
    };
  }

  @Test
  void theBootstrapAdminLogsInOnceThroughItsLinkAndThenWithItsPassword() {
    String token = owners.bootstrap().orElseThrow();
    assertThat(owners.link(token).ownerName()).isEqualTo("admin");

    OwnerService.NewSession session = owners.useLink(token, null, PASSWORD);

    assertThat(session.session().owner().admin()).isTrue();
    assertThat(owners.session(session.id())).isPresent();
    assertThatThrownBy(() -> owners.useLink(token, null, "another long password"))
        .hasMessageContaining("used already");
    assertThat(owners.bootstrap()).as("the admin has a password now").isEmpty();
    assertThat(owners.login("admin", PASSWORD, "10.0.0.1").session().owner().name())
        .isEqualTo("admin");
  }

  @Test
  void aRestartBeforeTheFirstLoginMakesAFreshLink() {
    String first = owners.bootstrap().orElseThrow();
    String second = owners.bootstrap().orElseThrow();
    assertThat(second).isNotEqualTo(first);
    assertThat(owners.all()).hasSize(1);
  }

  @Test
  void passwordsAreStoredAsBcryptHashesOnly() {
    owners.create("carol", PASSWORD, false);
    String stored =
        database
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT password_hash FROM owners WHERE name = 'carol'")
                        .mapTo(String.class)
                        .one());
    assertThat(stored).startsWith("$2a$10$").doesNotContain(PASSWORD);
  }

  @Test
  void refusesAWrongPasswordAndThenTooManyAttemptsWithAClearMessage() {
    owners.create("carol", PASSWORD, false);
    for (int i = 0; i < LoginThrottle.PER_ACCOUNT; i++) {
      assertThatThrownBy(() -> owners.login("carol", "wrong password", "10.0.0.1"))
          .isInstanceOfSatisfying(AdminException.class, e -> assertThat(e.status()).isEqualTo(401))
          .hasMessage("Wrong name or password.");
    }
    // now even the right password waits, from any address
    assertThatThrownBy(() -> owners.login("carol", PASSWORD, "10.0.0.2"))
        .isInstanceOfSatisfying(AdminException.class, e -> assertThat(e.status()).isEqualTo(429))
        .hasMessage("Too many failed logins for this account. Try again in 15 minutes.");

    now = now.plus(LoginThrottle.WINDOW).plusSeconds(1);
    assertThat(owners.login("carol", PASSWORD, "10.0.0.2").session().owner().name())
        .isEqualTo("carol");
  }

  @Test
  void limitsFailedLoginsPerAddressAcrossAccounts() {
    for (int i = 0; i < LoginThrottle.PER_ADDRESS; i++) {
      String name = "nobody" + i;
      assertThatThrownBy(() -> owners.login(name, "guess", "10.9.9.9"))
          .hasMessage("Wrong name or password.");
    }
    assertThatThrownBy(() -> owners.login("someone-else", "guess", "10.9.9.9"))
        .hasMessageStartingWith("Too many failed logins from your address.");
    owners.create("dave", PASSWORD, false);
    assertThat(owners.login("dave", PASSWORD, "10.1.1.1").session().owner().name())
        .isEqualTo("dave");
  }

  @Test
  void sessionsExpire() {
    owners.create("carol", PASSWORD, false);
    String id = owners.login("carol", PASSWORD, "10.0.0.1").id();
    now = now.plus(OwnerService.SESSION).plus(Duration.ofSeconds(1));
    assertThat(owners.session(id)).isEmpty();
  }

  @Test
  void anInvitationCreatesAnOwnerOnceWithinADay() {
    String invitation = owners.invite(false);
    OwnerService.NewSession erin = owners.useLink(invitation, "erin", PASSWORD);
    assertThat(erin.session().owner().admin()).isFalse();
    assertThatThrownBy(() -> owners.useLink(invitation, "frank", PASSWORD))
        .hasMessageContaining("used already");

    String late = owners.invite(false);
    now = now.plus(OwnerService.LINK).plusSeconds(1);
    assertThatThrownBy(() -> owners.useLink(late, "gina", PASSWORD))
        .hasMessageContaining("expired");
    assertThat(owners.all()).extracting(Owner::name).containsExactly("erin");
  }

  @Test
  void refusesShortPasswordsAndOddNames() {
    assertThatThrownBy(() -> owners.create("carol", "short", false))
        .hasMessage("A password needs at least 10 characters.");
    assertThatThrownBy(() -> owners.create("<script>", PASSWORD, false))
        .hasMessageStartingWith("A name is 1 to 64 letters");
    assertThat(owners.all()).isEmpty();
  }

  @Test
  void anApiTokenNamesItsOwnerUntilReplaced() {
    Owner carol = owners.create("carol", PASSWORD, false);
    String first = owners.newApiToken(carol);
    assertThat(owners.byApiToken(first)).contains(carol);
    String second = owners.newApiToken(carol);
    assertThat(owners.byApiToken(first)).isEmpty();
    assertThat(owners.byApiToken(second)).contains(carol);
  }
}
