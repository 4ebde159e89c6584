package io.axon.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

class PostgresServerTest {
  @Test
  void startsAClusterThatAcceptsConnectionsAndRemovesItWhenClosed() throws Exception {
    PostgresServer server = new PostgresServer().start();
    Path dir = server.directory();
    String url;
    try {
      url = server.createDatabase("scratch");
      int answer =
          Jdbi.create(url)
              .withHandle(h -> h.createQuery("SELECT 41 + 1").mapTo(Integer.class).one());
      assertThat(answer).isEqualTo(42);
      assertThat(Files.isDirectory(dir.resolve("data"))).isTrue();
    } finally {
      server.close();
    }

    assertThat(dir).doesNotExist();
    assertThatThrownBy(
            () -> {
              try (Connection c = DriverManager.getConnection(url)) {
                c.isValid(1);
              }
            })
        .isInstanceOf(SQLException.class);
  }

  @Test
  void failsNamingThePackageWhenTheServerIsMissing() {
    assertThatThrownBy(() -> PostgresServer.findBinaries("/nonexistent/postgresql/bin"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("apt-get install -y postgresql")
        .hasMessageContaining("/nonexistent/postgresql/bin");
  }
}
