package io.axon.volunteer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final ConsoleProgress progress =
      new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8));

  private String[] lines() {
    String text = bytes.toString(StandardCharsets.UTF_8);
    return text.isEmpty() ? new String[0] : text.split("\n");
  }

  @Test
  void announcesAnIdleSpellOnceNotEveryPoll() {
    progress.idle(Duration.ofSeconds(5));
    progress.idle(Duration.ofSeconds(5));
    progress.idle(Duration.ofSeconds(5));

    assertThat(lines()).containsExactly("no work available, asking again every 5 s");
  }

  @Test
  void printsARepeatedErrorOnlyOnceUntilSomethingElseHappens() {
    progress.error(new ConnectException("Connection refused"), true);
    progress.error(new ConnectException("Connection refused"), true);
    progress.idle(Duration.ofSeconds(2));
    progress.error(new ConnectException("Connection refused"), true);

    assertThat(lines())
        .containsExactly(
            "error: coordinator unreachable (Connection refused) (retrying)",
            "no work available, asking again every 2 s",
            "error: coordinator unreachable (Connection refused) (retrying)");
  }

  @Test
  void leavesFatalErrorsToTheCommandWhichPrintsThemOnStderr() {
    progress.error(new IOException("data directory in use"), false);

    assertThat(lines()).isEmpty();
  }

  @Test
  void saysWhetherTheHostIsNewOrReusesItsSavedIdentity() {
    progress.registered(3, "http://c:8080", true);
    progress.registered(3, "http://c:8080", false);

    assertThat(lines())
        .containsExactly(
            "registered with http://c:8080 as host 3", "host 3 at http://c:8080 (saved identity)");
  }
}
