package io.axon.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CoordinatorMainTest {
  @Test
  void defaultsListenOnPort8080OfEveryInterfaceWithH2InAxonData() {
    CoordinatorMain main = new CoordinatorMain();
    new CommandLine(main).parseArgs();

    CoordinatorConfig config = main.config();

    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.bind()).isEqualTo("0.0.0.0");
    assertThat(config.dataDir()).isEqualTo(Path.of("axon-data"));
    assertThat(config.jdbcUrl()).startsWith("jdbc:h2:file:").contains("MODE=PostgreSQL");
    assertThat(config.maxJobBytes()).isEqualTo(512L * 1024 * 1024);
  }

  @Test
  void optionsBecomeTheConfig() {
    CoordinatorMain main = new CoordinatorMain();
    new CommandLine(main)
        .parseArgs(
            "--port", "0",
            "--bind", "127.0.0.1",
            "--data-dir", "/tmp/x",
            "--db", "jdbc:postgresql://db/axon",
            "--db-user", "axon",
            "--deadline-seconds", "60",
            "--max-json-bytes", "2048");

    CoordinatorConfig config = main.config();

    assertThat(config.port()).isZero();
    assertThat(config.bind()).isEqualTo("127.0.0.1");
    assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://db/axon");
    assertThat(config.dbUser()).isEqualTo("axon");
    assertThat(config.deadline()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.maxJsonBytes()).isEqualTo(2048);
  }
}
