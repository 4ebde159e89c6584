package io.axon.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.core.common.Sha256;
import io.axon.core.protocol.ErrorBody;
import io.axon.core.protocol.HeartbeatReply;
import io.axon.core.protocol.HostInfo;
import io.axon.core.protocol.HostRegistered;
import io.axon.core.protocol.HostRegistration;
import io.axon.core.protocol.HostTable;
import io.axon.core.protocol.ProtocolJson;
import io.axon.core.training.ModelKind;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostApiTest {
  private static final String HEARTBEAT = "{\"state\":\"IDLE\",\"workUnitId\":null,\"threads\":2}";

  @TempDir static Path dataDir;
  static TestServer server;
  // the tests move it when they need two moments to differ
  static final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));

  @BeforeAll
  static void start() {
    server = new TestServer(TestServer.config(dataDir).maxJsonBytes(4096).build(), clock);
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
  void heartbeatRecordsWhenTheHostWasLastSeenAndWhatItDoes() {
    HostRegistered host = server.register("carol");
    Instant registered = lastSeen(host.hostId());
    clock.advance(Duration.ofSeconds(3));

    server.postJson(
        "/api/v1/heartbeat",
        host.token(),
        "{\"state\":\"WORKING\",\"workUnitId\":7,\"threads\":4}");
    // heartbeats reach the table in batches every few seconds; showing the table writes them now
    hosts();

    assertThat(lastSeen(host.hostId())).isEqualTo(registered.plusSeconds(3));
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

  private static Instant lastSeen(long hostId) {
    return org.jdbi.v3.core.Jdbi.create(server.config.jdbcUrl())
        .withHandle(
            h ->
                h.createQuery("SELECT last_seen FROM hosts WHERE id = :id")
                    .bind("id", hostId)
                    .mapTo(Instant.class)
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

  @Test
  void registrationWithAnAccountKeyAttachesTheHostToThatAccount() {
    String key = createAccount("Ada");

    HostRegistered host =
        register(new HostRegistration("ada-pc", "Linux", 4, 1L << 32, "1.0", key, null));

    assertThat(hostInfo(host.hostId()).accountName()).isEqualTo("Ada");
    assertThat(
            query(
                "SELECT a.name FROM hosts h JOIN accounts a ON a.id = h.account_id"
                    + " WHERE h.id = "
                    + host.hostId()))
        .isEqualTo("Ada");
  }

  @Test
  void registrationWithAnUnknownAccountKeyIsABadRequestAndStoresNothing() {
    long before = server.count("hosts");
    String json =
        ProtocolJson.toJson(
            new HostRegistration(
                "typo-pc", "Linux", 4, 1L << 32, "1.0", "no-such-key-" + UUID.randomUUID(), null));

    ErrorBody error = error(server.postJson("/api/v1/hosts", null, json), 400);

    assertThat(error.error()).isEqualTo("bad_request");
    assertThat(error.detail()).contains("unknown accountKey");
    assertThat(server.count("hosts")).isEqualTo(before);
  }

  @Test
  void anonymousHostHasNoAccount() {
    HostRegistered host = server.register("anon");

    assertThat(hostInfo(host.hostId()).accountName()).isNull();
  }

  @Test
  void registrationStoresTheKernelsAndTheTableShowsThem() {
    HostRegistered host =
        register(
            new HostRegistration(
                "gpu-less",
                "Linux",
                2,
                1L << 30,
                "1.0",
                null,
                List.of(ModelKind.LINEAR, ModelKind.LOGISTIC)));

    assertThat(query("SELECT kernels FROM hosts WHERE id = " + host.hostId()))
        .isEqualTo("LINEAR,LOGISTIC");
    assertThat(hostInfo(host.hostId()).kernels())
        .containsExactly(ModelKind.LINEAR, ModelKind.LOGISTIC);
    assertThat(hostInfo(server.register("all-kernels").hostId()).kernels())
        .containsExactly(ModelKind.values());
  }

  @Test
  void heartbeatStoresTheRoundTripTimeAndOneWithoutKeepsTheLast() {
    HostRegistered host = server.register("far-away");
    assertThat(hostInfo(host.hostId()).rttMillis()).isNull();

    server.postJson(
        "/api/v1/heartbeat",
        host.token(),
        "{\"state\":\"IDLE\",\"workUnitId\":null,\"threads\":2,\"rttMillis\":187}");
    assertThat(hostInfo(host.hostId()).rttMillis()).isEqualTo(187L);

    server.postJson("/api/v1/heartbeat", host.token(), HEARTBEAT);
    assertThat(hostInfo(host.hostId()).rttMillis()).isEqualTo(187L);
  }

  @Test
  void hostTableListsEveryHostWithItsResourcesAndHeartbeat() {
    HostRegistered host = server.register("listed");
    // later than the registration: the table must show the heartbeat's time
    clock.advance(Duration.ofMillis(1500));
    Instant heartbeat = clock.instant();
    server.postJson(
        "/api/v1/heartbeat",
        host.token(),
        "{\"state\":\"WORKING\",\"workUnitId\":3,\"threads\":3}");

    HostTable table = hosts();
    HostInfo info = hostInfo(host.hostId());

    assertThat(table.hosts()).extracting(HostInfo::hostId).isSorted().contains(host.hostId());
    assertThat(info.name()).isEqualTo("listed");
    assertThat(info.platform()).isEqualTo("Linux amd64");
    assertThat(info.cores()).isEqualTo(2);
    assertThat(info.memoryBytes()).isEqualTo(1L << 30);
    assertThat(info.clientVersion()).isEqualTo("test-1");
    assertThat(info.threads()).isEqualTo(3);
    assertThat(info.state()).isEqualTo(HostInfo.State.ONLINE);
    assertThat(info.lastHeartbeatMillis()).isEqualTo(heartbeat.toEpochMilli());
    assertThat(info.totalCredit()).isZero();
    assertThat(info.recentAverageCredit()).isZero();
  }

  /** Creates an account the way the credit API stores one: only the key's SHA-256. */
  static String createAccount(String name) {
    String key = UUID.randomUUID().toString();
    org.jdbi.v3.core.Jdbi.create(server.config.jdbcUrl())
        .useHandle(
            h ->
                h.createUpdate(
                        "INSERT INTO accounts (name, key_sha256, created_at)"
                            + " VALUES (:name, :key, CURRENT_TIMESTAMP)")
                    .bind("name", name)
                    .bind("key", Sha256.hex(key.getBytes(StandardCharsets.UTF_8)))
                    .execute());
    return key;
  }

  private static HostRegistered register(HostRegistration registration) {
    HttpResponse<String> reply =
        server.postJson("/api/v1/hosts", null, ProtocolJson.toJson(registration));
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
    return ProtocolJson.fromJson(reply.body(), HostRegistered.class);
  }

  private static HostTable hosts() {
    HttpResponse<String> reply = server.get("/api/v1/hosts", null);
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    return ProtocolJson.fromJson(reply.body(), HostTable.class);
  }

  private static HostInfo hostInfo(long hostId) {
    return hosts().hosts().stream()
        .filter(h -> h.hostId() == hostId)
        .findFirst()
        .orElseThrow(() -> new AssertionError("host " + hostId + " is not in the table"));
  }

  private static String query(String sql) {
    return org.jdbi.v3.core.Jdbi.create(server.config.jdbcUrl())
        .withHandle(h -> h.createQuery(sql).mapTo(String.class).one());
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
