package io.axon.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.core.protocol.ProtocolJson;
import io.axon.core.protocol.WorkReply;
import io.axon.core.protocol.WorkRequest;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A request for work that the coordinator held open says nothing about the round-trip time. */
class HeldWorkRequestTest {
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

  @Test
  void aHeldRequestForWorkIsNotTakenForTheRoundTripTime() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .setHeader("Content-Type", "application/json")
            .body(ProtocolJson.toJson(WorkReply.none(1)))
            .headersDelay(400, TimeUnit.MILLISECONDS)
            .build());

    WorkReply reply = client.withToken("t").requestWork(new WorkRequest(2, 1L << 30));

    assertThat(reply.assignment()).isNull();
    assertThat(client.lastRttMillis()).isEmpty();
  }
}
