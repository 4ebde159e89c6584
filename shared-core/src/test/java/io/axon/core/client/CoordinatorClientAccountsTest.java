package io.axon.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.core.protocol.AccountRequest;
import io.axon.core.protocol.Fixtures;
import io.axon.core.protocol.ProtocolJson;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CoordinatorClientAccountsTest {
  private static final String KEY = "b3c1f6a2-94d7-4e58-8f0b-1a2d3e4f5a6b";

  private final MockWebServer server = new MockWebServer();
  private CoordinatorClient client;

  @BeforeEach
  void start() throws IOException {
    server.start();
    client = CoordinatorClient.builder(server.url("/").toString()).maxAttempts(1).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  private RecordedRequest take() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).as("a request reached the server").isNotNull();
    return request;
  }

  @Test
  void createsAnAccountWithoutAnyKey() throws Exception {
    server.enqueue(json(201, Fixtures.read("account-created.json")));

    assertThat(client.createAccount("Ada Lovelace")).isEqualTo(Fixtures.ACCOUNT_CREATED);

    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v1/accounts");
    assertThat(request.getHeaders().get("X-Account-Key")).isNull();
    assertThat(ProtocolJson.fromJson(request.getBody().utf8(), AccountRequest.class))
        .isEqualTo(new AccountRequest("Ada Lovelace"));
  }

  @Test
  void readsTheAccountWithItsKeyInTheHeader() throws Exception {
    server.enqueue(json(200, Fixtures.read("account-summary.json")));

    assertThat(client.account(KEY)).isEqualTo(Fixtures.ACCOUNT_SUMMARY);

    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v1/account");
    assertThat(request.getHeaders().get("X-Account-Key")).isEqualTo(KEY);
    assertThat(request.getHeaders().get("Authorization")).isNull();
  }

  @Test
  void asksForTheStatementOfAPeriodAsIsoInstants() throws Exception {
    server.enqueue(json(200, Fixtures.read("earnings-statement.json")));

    assertThat(
            client.statement(
                KEY,
                Instant.parse("2026-11-23T00:00:00Z"),
                Instant.parse("2026-11-25T00:00:00.5Z")))
        .isEqualTo(Fixtures.EARNINGS_STATEMENT);

    RecordedRequest request = take();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v1/account/statement");
    assertThat(request.getUrl().queryParameter("from")).isEqualTo("2026-11-23T00:00:00Z");
    assertThat(request.getUrl().queryParameter("to")).isEqualTo("2026-11-25T00:00:00.500Z");
    assertThat(request.getHeaders().get("X-Account-Key")).isEqualTo(KEY);
  }

  @Test
  void leavesOutAnOpenEndOfThePeriod() throws Exception {
    server.enqueue(json(200, Fixtures.read("earnings-statement.json")));

    client.statement(KEY, null, null);

    RecordedRequest request = take();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v1/account/statement");
    assertThat(request.getUrl().querySize()).isZero();
  }

  @Test
  void anUnknownKeyIsACoordinatorExceptionWithThe401() {
    server.enqueue(json(401, "{\"error\":\"unauthorized\",\"detail\":\"unknown account key\"}"));

    assertThatThrownBy(() -> client.account(KEY))
        .isInstanceOfSatisfying(
            CoordinatorException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.error().error()).isEqualTo("unauthorized");
            })
        .hasMessageContaining("unknown account key");
  }

  @Test
  void refusesToCallWithoutAKey() {
    assertThatThrownBy(() -> client.account(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThat(server.getRequestCount()).isZero();
  }
}
