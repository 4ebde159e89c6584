package io.axon.coordinator.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.coordinator.CoordinatorConfig.LogFormat;
import io.axon.core.protocol.ProtocolJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoggingTest {
  private final PrintStream original = System.err;

  @AfterEach
  void restore() {
    Logging.use(LogFormat.TEXT);
    System.setErr(original);
  }

  private static String capture(LogFormat format, String message) {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      Logging.use(format);
      LoggerFactory.getLogger("io.axon.coordinator.LoggingProbe").info(message, 7);
    } finally {
      System.setErr(original);
    }
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void jsonFormatWritesOneJsonObjectPerEvent() throws Exception {
    String out = capture(LogFormat.JSON, "host {} registered \"quoted\"");

    String[] lines = out.strip().split("\n");
    assertThat(lines).hasSize(1);
    Map<?, ?> event = (Map<?, ?>) ProtocolJson.moshi().adapter(Object.class).fromJson(lines[0]);
    assertThat(event.get("level")).isEqualTo("INFO");
    assertThat(event.get("loggerName")).isEqualTo("io.axon.coordinator.LoggingProbe");
    assertThat(event.get("formattedMessage")).isEqualTo("host 7 registered \"quoted\"");
    assertThat(event.get("message")).isEqualTo("host {} registered \"quoted\"");
    assertThat(event.get("timestamp")).isInstanceOf(Double.class);
  }

  @Test
  void textFormatWritesPlainLines() {
    String out = capture(LogFormat.TEXT, "host {} registered");

    assertThat(out.strip())
        .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  LoggingProbe - host 7 registered");
  }
}
