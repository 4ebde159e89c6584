package io.axon.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.core.common.Sha256;
import io.axon.core.protocol.Fixtures;
import io.axon.core.protocol.ProtocolJson;
import io.axon.core.protocol.ResultReport;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link CoordinatorClient} with several coordinator URLs (docs/PROTOCOL.md, "Several
 * coordinators").
 */
class CoordinatorFailoverTest {
  private final List<MockWebServer> servers = new ArrayList<>();
  private final List<Long> sleeps = new ArrayList<>();
  private final List<CoordinatorClient> clients = new ArrayList<>();

  @AfterEach
  void stop() {
    clients.forEach(CoordinatorClient::close);
    servers.forEach(MockWebServer::close);
  }

  private MockWebServer up() throws IOException {
    MockWebServer server = new MockWebServer();
    server.start();
    servers.add(server);
    return server;
  }

  /** The URL of a coordinator that is not running: a port that was just closed. */
  private static String down() throws IOException {
    MockWebServer server = new MockWebServer();
    server.start();
    String url = server.url("/").toString();
    server.close();
    return url;
  }

  private static String url(MockWebServer server) {
    return server.url("/").toString();
  }

  private CoordinatorClient client(int maxAttempts, String... urls) {
    CoordinatorClient client =
        CoordinatorClient.builder(Arrays.asList(urls))
            .maxAttempts(maxAttempts)
            .baseDelay(Duration.ofMillis(100))
            .maxDelay(Duration.ofSeconds(1))
            .connectTimeout(Duration.ofSeconds(2))
            .sleeper(sleeps::add)
            .build();
    clients.add(client);
    return client;
  }

  private static MockResponse ok(Object message) {
    return json(200, ProtocolJson.toJson(message));
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  private static RecordedRequest take(MockWebServer server) throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).as("a request reached " + server.url("/")).isNotNull();
    return request;
  }

  @Test
  void firstCoordinatorDownTheSecondIsUsedAndThenStuckTo() throws Exception {
    String first = down();
    MockWebServer second = up();
    MockWebServer third = up();
    for (int i = 0; i < 3; i++) {
      second.enqueue(ok(Fixtures.HEARTBEAT_REPLY));
    }
    CoordinatorClient client = client(1, first, url(second), url(third)).withToken("t");

    for (int i = 0; i < 3; i++) {
      assertThat(client.heartbeat(Fixtures.HEARTBEAT)).isEqualTo(Fixtures.HEARTBEAT_REPLY);
    }

    assertThat(second.getRequestCount()).isEqualTo(3);
    assertThat(third.getRequestCount()).isZero();
    assertThat(client.currentBaseUrl()).isEqualTo(url(second));
    assertThat(take(second).getHeaders().get("Authorization")).isEqualTo("Bearer t");
    assertThat(sleeps).as("failing over needs no backoff").isEmpty();
  }

  @Test
  void serverErrorsMoveOnRoundRobinAndWrapAround() throws Exception {
    MockWebServer a = up();
    MockWebServer b = up();
    MockWebServer c = up();
    a.enqueue(json(503, "{\"error\":\"internal\",\"detail\":\"a busy\"}"));
    b.enqueue(ok(Fixtures.HEARTBEAT_REPLY));
    b.enqueue(json(500, "{\"error\":\"internal\",\"detail\":\"b broke\"}"));
    c.enqueue(ok(Fixtures.HEARTBEAT_REPLY));
    c.enqueue(json(502, "bad gateway"));
    a.enqueue(ok(Fixtures.HEARTBEAT_REPLY));
    CoordinatorClient client = client(3, url(a), url(b), url(c));

    client.heartbeat(Fixtures.HEARTBEAT);
    assertThat(client.currentBaseUrl()).isEqualTo(url(b));
    client.heartbeat(Fixtures.HEARTBEAT);
    assertThat(client.currentBaseUrl()).isEqualTo(url(c));
    client.heartbeat(Fixtures.HEARTBEAT);
    assertThat(client.currentBaseUrl()).isEqualTo(url(a));

    assertThat(a.getRequestCount()).isEqualTo(2);
    assertThat(b.getRequestCount()).isEqualTo(2);
    assertThat(c.getRequestCount()).isEqualTo(2);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void everyCoordinatorDownFailsNamingEachUrlTried() throws Exception {
    String a = down();
    String b = down();
    String c = down();
    CoordinatorClient client = client(2, a, b, c);

    assertThatThrownBy(() -> client.jobs())
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("GET /api/v1/jobs failed at every coordinator tried")
        .hasMessageContaining(a)
        .hasMessageContaining(b)
        .hasMessageContaining(c)
        .hasCauseInstanceOf(ConnectException.class);
    assertThat(sleeps).as("one backoff between the two rounds").hasSize(1);
  }

  @Test
  void aClientErrorNeverFailsOver() throws Exception {
    MockWebServer first = up();
    MockWebServer second = up();
    first.enqueue(json(409, "{\"error\":\"conflict\",\"detail\":\"work unit 7 is not yours\"}"));
    second.enqueue(ok(Fixtures.HEARTBEAT_REPLY));
    CoordinatorClient client = client(3, url(first), url(second));

    assertThatThrownBy(() -> client.heartbeat(Fixtures.HEARTBEAT))
        .isInstanceOfSatisfying(
            CoordinatorException.class, e -> assertThat(e.status()).isEqualTo(409))
        .hasMessageContaining(url(first));
    assertThat(second.getRequestCount()).isZero();
    assertThat(client.currentBaseUrl()).isEqualTo(url(first));
    assertThat(sleeps).isEmpty();
  }

  @Test
  void theLastServerErrorIsReportedWithTheCoordinatorThatGaveIt() throws Exception {
    MockWebServer first = up();
    MockWebServer second = up();
    first.enqueue(json(503, "{\"error\":\"internal\",\"detail\":\"first busy\"}"));
    second.enqueue(json(503, "{\"error\":\"internal\",\"detail\":\"second busy\"}"));
    CoordinatorClient client = client(1, url(first), url(second));

    assertThatThrownBy(() -> client.heartbeat(Fixtures.HEARTBEAT))
        .isInstanceOfSatisfying(
            CoordinatorException.class, e -> assertThat(e.status()).isEqualTo(503))
        .hasMessageContaining(url(second))
        .hasMessageContaining("second busy");
  }

  @Test
  void downloadsAndUploadsGoToTheCoordinatorThatAnswersUnderItsOwnBasePath() throws Exception {
    MockWebServer first = up();
    MockWebServer second = up();
    byte[] blob = {4, 3, 2, 1};
    byte[] model = "trained".getBytes(StandardCharsets.UTF_8);
    ResultReport report = new ResultReport(1017, Sha256.hex(model), 0.25, 100, 4000, 12);
    first.enqueue(json(500, "{\"error\":\"internal\",\"detail\":\"disk full\"}"));
    second.enqueue(
        new MockResponse.Builder()
            .setHeader("Content-Type", "application/octet-stream")
            .body(new Buffer().write(blob))
            .build());
    second.enqueue(ok(Fixtures.RESULT_REPLY));
    CoordinatorClient client = client(3, url(first), second.url("/axon/").toString());

    assertThat(client.withToken("t").downloadBlob(Sha256.hex(blob))).isEqualTo(blob);
    assertThat(client.withToken("t").reportResult(report, model)).isEqualTo(Fixtures.RESULT_REPLY);

    assertThat(take(first).getUrl().encodedPath()).isEqualTo("/api/v1/blobs/" + Sha256.hex(blob));
    assertThat(take(second).getUrl().encodedPath())
        .isEqualTo("/axon/api/v1/blobs/" + Sha256.hex(blob));
    RecordedRequest upload = take(second);
    assertThat(upload.getUrl().encodedPath()).isEqualTo("/axon/api/v1/results");
    assertThat(upload.getBody().utf8()).contains("trained");
    assertThat(first.getRequestCount()).isEqualTo(1);
  }

  @Test
  void oneUrlBehavesAsBefore() throws Exception {
    String gone = down();
    CoordinatorClient client = client(2, gone);

    assertThatThrownBy(() -> client.jobs())
        .isInstanceOf(ConnectException.class)
        .hasMessageNotContaining("every coordinator");
    assertThat(sleeps).hasSize(1);
    assertThat(client.baseUrls()).containsExactly(gone);
  }

  @Test
  void rejectsNoUrlsADuplicateOrOneThatIsNoUrl() throws Exception {
    String url = url(up());
    assertThatThrownBy(() -> CoordinatorClient.builder(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one");
    assertThatThrownBy(() -> CoordinatorClient.builder(List.of(url, url)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> CoordinatorClient.builder(List.of(url, "ftp://x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ftp://x");
  }
}
