package io.axon.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.axon.coordinator.credit.Cobblestones;
import io.axon.coordinator.credit.CreditGranter;
import io.axon.core.client.CoordinatorClient;
import io.axon.core.client.CoordinatorException;
import io.axon.core.protocol.AccountCreated;
import io.axon.core.protocol.AccountSummary;
import io.axon.core.protocol.EarningsStatement;
import io.axon.core.protocol.ErrorBody;
import io.axon.core.protocol.HostRegistered;
import io.axon.core.protocol.HostRegistration;
import io.axon.core.protocol.ProtocolJson;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountApiTest {
  @TempDir static Path dataDir;
  static TestServer server;
  static CreditTestData data;
  static CoordinatorClient client;

  @BeforeAll
  static void start() {
    server = TestServer.start(dataDir);
    data = new CreditTestData(Jdbi.create(server.config.jdbcUrl()));
    client = CoordinatorClient.builder(server.url()).maxAttempts(1).build();
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  @Test
  void opensAnAccountAndReadsItsSummaryWithTheKey() {
    HttpResponse<String> created =
        server.postJson("/api/v1/accounts", null, "{\"name\":\"Ada Lovelace\"}");

    assertThat(created.statusCode()).isEqualTo(201);
    AccountCreated account = ProtocolJson.fromJson(created.body(), AccountCreated.class);
    assertThat(account.name()).isEqualTo("Ada Lovelace");
    assertThat(UUID.fromString(account.accountKey())).isNotNull();

    HttpResponse<String> summary = get("/api/v1/account", account.accountKey());
    assertThat(summary.statusCode()).isEqualTo(200);
    assertThat(summary.body()).contains("\"totalEarnings\":\"0.000000000\"");
    assertThat(ProtocolJson.fromJson(summary.body(), AccountSummary.class))
        .isEqualTo(
            new AccountSummary(account.accountId(), "Ada Lovelace", 0, 0, "USD", BigDecimal.ZERO));
  }

  @Test
  void eachAccountGetsItsOwnKey() throws Exception {
    AccountCreated a = client.createAccount("twin");
    AccountCreated b = client.createAccount("twin");

    assertThat(a.accountId()).isNotEqualTo(b.accountId());
    assertThat(a.accountKey()).isNotEqualTo(b.accountKey());
    assertThat(client.account(b.accountKey()).accountId()).isEqualTo(b.accountId());
  }

  @Test
  void aMissingOrUnknownKeyIsUnauthorized() {
    for (String path : new String[] {"/api/v1/account", "/api/v1/account/statement"}) {
      assertError(get(path, null), 401, "unauthorized", "X-Account-Key");
      assertError(get(path, " "), 401, "unauthorized", "X-Account-Key");
      assertError(get(path, UUID.randomUUID().toString()), 401, "unauthorized", "unknown");
    }
    // the key is checked before the dates, so a stranger learns nothing from a 400
    assertError(get("/api/v1/account/statement?from=yesterday", null), 401, "unauthorized", "");
  }

  @Test
  void theHostsBearerTokenIsNoAccountKey() {
    HostRegistered host = server.register("token-only");

    assertError(server.get("/api/v1/account", host.token()), 401, "unauthorized", "X-Account-Key");
  }

  @Test
  void anAccountNeedsAName() {
    assertError(server.postJson("/api/v1/accounts", null, "{}"), 400, "bad_request", "name");
    assertError(
        server.postJson("/api/v1/accounts", null, "{\"name\":\"\"}"),
        400,
        "bad_request",
        "name is required");
    assertError(
        server.postJson("/api/v1/accounts", null, "{\"name\":\"" + "x".repeat(101) + "\"}"),
        400,
        "bad_request",
        "at most 100");
  }

  @Test
  void aStatementWithBadDatesIsABadRequest() throws Exception {
    String key = client.createAccount("dates").accountKey();

    assertError(
        get("/api/v1/account/statement?from=yesterday", key), 400, "bad_request", "from must");
    assertError(get("/api/v1/account/statement?to=2026-11-25", key), 400, "bad_request", "to must");
    assertError(
        get("/api/v1/account/statement?from=2026-11-25T00:00:00Z&to=2026-11-24T00:00:00Z", key),
        400,
        "bad_request",
        "must not end before it starts");
    assertThatThrownBy(() -> client.statement(key, Instant.now().plus(1, ChronoUnit.DAYS), null))
        .isInstanceOfSatisfying(
            CoordinatorException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  /**
   * A host registered with the account's key earns for the account: the statement over real HTTP,
   * through the client the desktop app uses.
   */
  @Test
  void theStatementShowsWhatTheAccountsRegisteredHostEarned() throws Exception {
    AccountCreated ada = client.createAccount("Ada");
    HostRegistered host = registerWithKey("ada-pc", ada.accountKey());
    // registration attached the host to the account (attach only checks that, here)
    data.attach(host.hostId(), ada.accountId());
    HostRegistered stranger = server.register("someone-else");
    long mnist = data.job("mnist-mlp", "0.02");
    long lr = data.job("lr-synthetic", "0.001");
    long mnistFlops = 1_942_839_974L;
    long lrFlops = 432_000_000_000L; // 1 credit
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    CreditGranter.Grant old =
        data.grant(
            mnist,
            data.workUnit(mnist, mnistFlops),
            host.hostId(),
            mnistFlops,
            now.minus(Duration.ofHours(30)));
    CreditGranter.Grant recent =
        data.grant(lr, data.workUnit(lr, lrFlops), host.hostId(), lrFlops, now.minusSeconds(60));
    CreditGranter.Grant newest =
        data.grant(
            mnist,
            data.workUnit(mnist, mnistFlops),
            host.hostId(),
            mnistFlops,
            now.minusSeconds(5));
    CreditGranter.Grant notAdas =
        data.grant(
            mnist,
            data.workUnit(mnist, mnistFlops),
            stranger.hostId(),
            mnistFlops,
            now.minusSeconds(5));
    for (CreditGranter.Grant grant : new CreditGranter.Grant[] {old, recent, newest, notAdas}) {
      assertThat(data.pay(grant)).isTrue();
    }
    assertThat(data.pay(newest)).as("a replica is paid once").isFalse();

    EarningsStatement statement =
        client.statement(ada.accountKey(), now.minus(Duration.ofDays(2)), now);

    double mnistCredit = Cobblestones.of(mnistFlops);
    BigDecimal mnistEarnings = CreditGranter.earnings(new BigDecimal("0.02"), mnistCredit);
    assertThat(statement.accountId()).isEqualTo(ada.accountId());
    assertThat(statement.name()).isEqualTo("Ada");
    assertThat(statement.currency()).isEqualTo("USD");
    assertThat(statement.from()).isEqualTo(now.minus(Duration.ofDays(2)));
    assertThat(statement.to()).isEqualTo(now);
    assertThat(statement.totalCredit()).isCloseTo(2 * mnistCredit + 1.0, within(1e-12));
    assertThat(statement.totalEarnings())
        .isEqualByComparingTo(
            mnistEarnings.multiply(BigDecimal.valueOf(2)).add(new BigDecimal("0.001")));
    assertThat(statement.jobs())
        .containsExactly(
            new EarningsStatement.Job(
                mnist, "mnist-mlp", 2 * mnistCredit, mnistEarnings.multiply(BigDecimal.valueOf(2))),
            new EarningsStatement.Job(lr, "lr-synthetic", 1.0, new BigDecimal("0.001")));
    assertThat(statement.entries())
        .extracting(EarningsStatement.Entry::workUnitId)
        .containsExactly(newest.workUnitId(), recent.workUnitId(), old.workUnitId());
    assertThat(statement.entries().get(0))
        .isEqualTo(
            new EarningsStatement.Entry(
                newest.at(),
                mnist,
                "mnist-mlp",
                newest.workUnitId(),
                host.hostId(),
                mnistCredit,
                mnistEarnings));
    assertThat(statement.days().stream().mapToDouble(EarningsStatement.Day::credit).sum())
        .isCloseTo(statement.totalCredit(), within(1e-12));
    assertThat(statement.hosts()).hasSize(1);
    assertThat(statement.hosts().get(0).hostId()).isEqualTo(host.hostId());
    assertThat(statement.hosts().get(0).name()).isEqualTo("ada-pc");
    assertThat(statement.hosts().get(0).totalCredit())
        .isCloseTo(statement.totalCredit(), within(1e-12));

    AccountSummary summary = client.account(ada.accountKey());
    assertThat(summary.totalCredit()).isCloseTo(statement.totalCredit(), within(1e-12));
    assertThat(summary.totalEarnings()).isEqualByComparingTo(statement.totalEarnings());
    assertThat(summary.recentAverageCredit()).isPositive();

    // the wire carries money as strings with nine places
    String json =
        get(
                "/api/v1/account/statement?from=" + now.minus(Duration.ofDays(2)) + "&to=" + now,
                ada.accountKey())
            .body();
    assertThat(json)
        .contains("\"totalEarnings\":\"" + statement.totalEarnings().toPlainString() + "\"");
    assertThat(json).contains("\"earnings\":\"0.001000000\"");
  }

  private static HostRegistered registerWithKey(String name, String accountKey) {
    HttpResponse<String> reply =
        server.postJson(
            "/api/v1/hosts",
            null,
            ProtocolJson.toJson(
                new HostRegistration(
                    name, "Linux amd64", 4, 1L << 32, "test-1", accountKey, null)));
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
    return ProtocolJson.fromJson(reply.body(), HostRegistered.class);
  }

  private static HttpResponse<String> get(String path, String accountKey) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(30));
    if (accountKey != null) {
      request.header("X-Account-Key", accountKey);
    }
    try {
      return server.http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static void assertError(
      HttpResponse<String> reply, int status, String error, String detailPart) {
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(status);
    ErrorBody body = ProtocolJson.fromJson(reply.body(), ErrorBody.class);
    assertThat(body.error()).isEqualTo(error);
    assertThat(body.detail()).contains(detailPart);
  }
}
