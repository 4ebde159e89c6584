package io.axon.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.core.protocol.Fixtures;
import io.axon.core.protocol.ProtocolJson;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoundTripTimeTest {
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

  private static MockResponse heartbeatReplyAfter(long millis) {
    return new MockResponse.Builder()
        .setHeader("Content-Type", "application/json")
        .body(ProtocolJson.toJson(Fixtures.HEARTBEAT_REPLY))
        .headersDelay(millis, TimeUnit.MILLISECONDS)
        .build();
  }

  @Test
  void hasNoRoundTripTimeBeforeTheFirstAnswer() {
    assertThat(client.lastRttMillis()).isEmpty();
  }

  @Test
  void measuresTheRoundTripOfTheLastRequestAndSharesItWithTokenClients() throws Exception {
    CoordinatorClient volunteer = client.withToken("t");
    server.enqueue(heartbeatReplyAfter(300));
    server.enqueue(heartbeatReplyAfter(0));

    volunteer.heartbeat(Fixtures.HEARTBEAT);
    long slow = client.lastRttMillis().orElseThrow();
    volunteer.heartbeat(Fixtures.HEARTBEAT);
    long fast = volunteer.lastRttMillis().orElseThrow();

    assertThat(slow).isBetween(300L, 5_000L);
    assertThat(fast).isLessThan(slow).isGreaterThanOrEqualTo(0);
  }

  @Test
  void anErrorReplyIsARoundTripToo() {
    server.enqueue(
        new MockResponse.Builder()
            .code(400)
            .body("{\"error\":\"bad_request\"}")
            .headersDelay(200, TimeUnit.MILLISECONDS)
            .build());

    try {
      client.withToken("t").heartbeat(Fixtures.HEARTBEAT);
    } catch (IOException expected) {
      // the answer still took a measurable round trip
    }

    assertThat(client.lastRttMillis().orElseThrow()).isGreaterThanOrEqualTo(200);
  }

  @Test
  void readsTheHostTable() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .setHeader("Content-Type", "application/json")
            .body(Fixtures.read("host-table.json"))
            .build());

    assertThat(client.hosts()).isEqualTo(Fixtures.HOST_TABLE);
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/api/v1/hosts");
  }
}
