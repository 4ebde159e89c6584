package io.axon.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.coordinator.ConfigKeys.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoordinatorMainTest {
  @TempDir Path dir;

  private static CoordinatorConfig parse(String... args) {
    CoordinatorMain main = new CoordinatorMain();
    main.commandLine().parseArgs(args);
    return main.config();
  }

  private Path file(String... lines) throws IOException {
    return Files.write(dir.resolve("coordinator.properties"), List.of(lines));
  }

  @Test
  void defaultsListenOnPort8080OfEveryInterfaceWithH2InAxonData() {
    CoordinatorConfig config = parse();

    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.bind()).isEqualTo("0.0.0.0");
    assertThat(config.dataDir()).isEqualTo(Path.of("axon-data"));
    assertThat(config.jdbcUrl()).startsWith("jdbc:h2:file:").contains("MODE=PostgreSQL");
    assertThat(config.maxJobBytes()).isEqualTo(512L * 1024 * 1024);
    assertThat(config.currency()).isEqualTo("USD");
    assertThat(config.hostNotRespondingAfter()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.hostOfflineAfter()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.logFormat()).isEqualTo(CoordinatorConfig.LogFormat.TEXT);
  }

  @Test
  void optionsBecomeTheConfig() {
    CoordinatorConfig config =
        parse(
            "--port", "0",
            "--bind", "127.0.0.1",
            "--data-dir", "/tmp/x",
            "--db", "jdbc:postgresql://db/axon",
            "--db-user", "axon",
            "--deadline-seconds", "60",
            "--max-json-bytes", "2048",
            "--currency", "EUR",
            "--host-offline-seconds", "300",
            "--log-format", "json");

    assertThat(config.port()).isZero();
    assertThat(config.bind()).isEqualTo("127.0.0.1");
    assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://db/axon");
    assertThat(config.dbUser()).isEqualTo("axon");
    assertThat(config.deadline()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.maxJsonBytes()).isEqualTo(2048);
    assertThat(config.currency()).isEqualTo("EUR");
    assertThat(config.hostOfflineAfter()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.logFormat()).isEqualTo(CoordinatorConfig.LogFormat.JSON);
  }

  @Test
  void configFileSetsTheKeysAndOptionsOverrideIt() throws IOException {
    Path file =
        file(
            "# a coordinator on the lab network",
            "port = 9090",
            "bind = 10.0.0.5",
            "heartbeat-seconds = 20",
            "host-offline-seconds = 900",
            "currency = CHF",
            "log-format = JSON");

    CoordinatorConfig config = parse("--config", file.toString(), "--port", "9191");

    assertThat(config.port()).as("option over file").isEqualTo(9191);
    assertThat(config.bind()).isEqualTo("10.0.0.5");
    assertThat(config.heartbeat()).isEqualTo(Duration.ofSeconds(20));
    assertThat(config.hostNotRespondingAfter())
        .as("two heartbeats of the file's interval")
        .isEqualTo(Duration.ofSeconds(40));
    assertThat(config.hostOfflineAfter()).isEqualTo(Duration.ofMinutes(15));
    assertThat(config.currency()).isEqualTo("CHF");
    assertThat(config.logFormat()).isEqualTo(CoordinatorConfig.LogFormat.JSON);
  }

  @Test
  void unknownKeyInTheFileIsAnErrorNamingIt() throws IOException {
    Path file = file("port = 9090", "hearbeat-seconds = 20");

    assertThatThrownBy(() -> parse("--config", file.toString()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown key hearbeat-seconds")
        .hasMessageContaining("heartbeat-seconds");
  }

  @Test
  void badValueIsAnErrorNamingTheKeyAndWhereItWasSet() throws IOException {
    Path file = file("port = eighty");

    assertThatThrownBy(() -> parse("--config", file.toString()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("port must be a whole number, got 'eighty'");
    assertThatThrownBy(() -> parse("--port", "70000"))
        .hasMessageContaining("option --port")
        .hasMessageContaining("[0, 65535]");
    assertThatThrownBy(() -> parse("--currency", "dollars"))
        .hasMessageContaining("currency must be an ISO 4217 code");
    assertThatThrownBy(() -> parse("--log-format", "xml"))
        .hasMessageContaining("log-format must be text or json");
  }

  @Test
  void keysThatContradictEachOtherAreAnErrorNamingBoth() {
    assertThatThrownBy(
            () -> parse("--host-not-responding-seconds", "600", "--host-offline-seconds", "300"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("host-offline-seconds (300 s) must be longer than")
        .hasMessageContaining("host-not-responding-seconds (600 s)");
  }

  @Test
  void missingConfigFileIsAnError() {
    assertThatThrownBy(() -> parse("--config", dir.resolve("nope.properties").toString()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void badConfigurationExitsWithStatus2AndAMessage() {
    var err = new java.io.ByteArrayOutputStream();
    CoordinatorMain main = new CoordinatorMain();
    var original = System.err;
    int status;
    try {
      System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
      status = main.commandLine().execute("--port", "x", "--data-dir", dir.toString());
    } finally {
      System.setErr(original);
    }

    assertThat(status).isEqualTo(CoordinatorMain.BAD_CONFIG);
    assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("axon coordinator: option --port: port must be a whole number");
  }

  @Test
  void everyKeyIsDocumentedInCoordinatorMdAndEveryDocumentedKeyExists() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "COORDINATOR.md"));
    int start = doc.indexOf("## Configuration");
    assertThat(start).isNotNegative();
    String section = doc.substring(start);
    List<String> documented = new ArrayList<>();
    Matcher row = Pattern.compile("(?m)^\\| `([a-z-]+)` \\|").matcher(section);
    while (row.find()) {
      documented.add(row.group(1));
    }

    assertThat(documented)
        .containsExactlyInAnyOrderElementsOf(
            ConfigKeys.KEYS.stream().map(ConfigKeys.Key::name).toList());
  }
}
