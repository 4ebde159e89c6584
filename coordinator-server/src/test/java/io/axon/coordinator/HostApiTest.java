package io.axon.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.core.protocol.ErrorBody;
import io.axon.core.protocol.HeartbeatReply;
import io.axon.core.protocol.HostRegistered;
import io.axon.core.protocol.ProtocolJson;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostApiTest {
  private static final String HEARTBEAT = "{\"state\":\"IDLE\",\"workUnitId\":null,\"threads\":2}";

  @TempDir static Path dataDir;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = new TestServer(TestServer.config(dataDir).maxJsonBytes(4096).build());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void registrationReturnsHostIdAndTokenThatAuthenticatesHeartbeats() {
    HostRegistered host = server.register("alice");

    assertThat(host.hostId()).isPositive();
    assertThat(UUID.fromString(host.token())).isNotNull();
    HttpResponse<String> reply = server.postJson("/api/v1/heartbeat", host.token(), HEARTBEAT);
    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(ProtocolJson.fromJson(reply.body(), HeartbeatReply.class).nextHeartbeatSeconds())
        .isPositive();
  }

  @Test
  void heartbeatRecordsWhenTheHostWasLastSeenAndWhatItDoes() throws Exception {
    HostRegistered host = server.register("carol");
    java.sql.Timestamp registered = lastSeen(host.hostId());
    Thread.sleep(20);

    server.postJson(
        "/api/v1/heartbeat",
        host.token(),
        "{\"state\":\"WORKING\",\"workUnitId\":7,\"threads\":4}");

    assertThat(lastSeen(host.hostId())).isAfter(registered);
    String stateAndThreads =
        org.jdbi.v3.core.Jdbi.create(server.config.jdbcUrl())
            .withHandle(
                h ->
                    h.createQuery("SELECT state || '/' || threads FROM hosts WHERE id = :id")
                        .bind("id", host.hostId())
                        .mapTo(String.class)
                        .one());
    assertThat(stateAndThreads).isEqualTo("WORKING/4");
  }

  private static java.sql.Timestamp lastSeen(long hostId) {
    return org.jdbi.v3.core.Jdbi.create(server.config.jdbcUrl())
        .withHandle(
            h ->
                h.createQuery("SELECT last_seen FROM hosts WHERE id = :id")
                    .bind("id", hostId)
                    .mapTo(java.sql.Timestamp.class)
                    .one());
  }

  @Test
  void storesOnlyTheHashOfTheToken() {
    HostRegistered host = server.register("bob");

    long plain =
        org.jdbi.v3.core.Jdbi.create(server.config.jdbcUrl())
            .withHandle(
                h ->
                    h.createQuery("SELECT COUNT(*) FROM hosts WHERE token_sha256 = :t")
                        .bind("t", host.token())
                        .mapTo(Long.class)
                        .one());
    assertThat(plain).isZero();
  }

  @Test
  void heartbeatWithoutTokenIsUnauthorized() {
    assertUnauthorized(server.postJson("/api/v1/heartbeat", null, HEARTBEAT));
  }

  @Test
  void heartbeatWithUnknownTokenIsUnauthorized() {
    assertUnauthorized(
        server.postJson("/api/v1/heartbeat", UUID.randomUUID().toString(), HEARTBEAT));
  }

  @Test
  void malformedAuthorizationHeaderIsUnauthorized() {
    var request =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url() + "/api/v1/work"))
            .header("Authorization", "Basic dXNlcjpwYXNz")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
            .build();
    try {
      assertUnauthorized(
          server.http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void blobDownloadWithoutTokenIsUnauthorized() {
    assertUnauthorized(server.get("/api/v1/blobs/" + "0".repeat(64), null));
  }

  @Test
  void malformedJsonIsABadRequestThatSaysSo() {
    HttpResponse<String> reply = server.postJson("/api/v1/hosts", null, "{\"name\": \"x\",");

    ErrorBody error = error(reply, 400);
    assertThat(error.error()).isEqualTo("bad_request");
    assertThat(error.detail()).contains("HostRegistration");
  }

  @Test
  void registrationThatBreaksARuleIsABadRequestNamingTheField() {
    HttpResponse<String> reply =
        server.postJson(
            "/api/v1/hosts",
            null,
            "{\"name\":\"x\",\"platform\":\"Linux\",\"cores\":0,\"memoryBytes\":1,"
                + "\"clientVersion\":\"1\"}");

    assertThat(error(reply, 400).detail()).contains("cores");
  }

  @Test
  void oversizedBodyIsABadRequestNamingTheLimit() {
    String huge = "{\"name\":\"" + "x".repeat(10_000) + "\"}";

    ErrorBody error = error(server.postJson("/api/v1/hosts", null, huge), 400);

    assertThat(error.error()).isEqualTo("body_too_large");
    assertThat(error.detail()).contains("4096 bytes");
  }

  @Test
  void unknownEndpointAnswersJsonNotFound() {
    assertThat(error(server.get("/api/v1/nothing-here", null), 404).error()).isEqualTo("not_found");
  }

  private static void assertUnauthorized(HttpResponse<String> reply) {
    assertThat(error(reply, 401).error()).isEqualTo("unauthorized");
  }

  static ErrorBody error(HttpResponse<String> reply, int status) {
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(status);
    assertThat(reply.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    return ProtocolJson.fromJson(reply.body(), ErrorBody.class);
  }
}
