package io.axon.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.core.protocol.ProtocolJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /health} follows whether the database can be reached. */
class HealthTest {
  @TempDir Path dataDir;

  private static HttpResponse<String> health(Coordinator coordinator) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(coordinator.url() + "/health"))
                .timeout(Duration.ofSeconds(20))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static Map<?, ?> body(HttpResponse<String> reply) throws Exception {
    return (Map<?, ?>) ProtocolJson.moshi().adapter(Object.class).fromJson(reply.body());
  }

  @Test
  void upWhileTheDatabaseAnswersAndDownWithinSecondsOnceItIsGone() throws Exception {
    // a database in its own server, so that the test can take it away under the coordinator
    Server database =
        Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", dataDir.toString())
            .start();
    String url =
        "jdbc:h2:tcp://localhost:"
            + database.getPort()
            + "/axon;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    Coordinator coordinator =
        new Coordinator(TestServer.config(dataDir).database(url, "sa", "").build()).start();
    try {
      HttpResponse<String> up = health(coordinator);
      assertThat(up.statusCode()).isEqualTo(200);
      assertThat(body(up)).isEqualTo(Map.of("status", "UP"));

      database.stop();
      long start = System.nanoTime();
      HttpResponse<String> down = health(coordinator);
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
      assertThat(body(down).get("status")).isEqualTo("DOWN");
      assertThat((String) body(down).get("detail")).contains("database");
      assertThat(millis).isLessThan(5_000);
    } finally {
      coordinator.stop();
      database.stop();
    }
  }
}
