package io.axon.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/PROTOCOL.md shows every fixture, and each example there is the fixture's JSON. */
class ProtocolDocTest {
  private static final Pattern EXAMPLE =
      Pattern.compile("<!-- fixture: ([a-z-]+\\.json) -->\\s*```json\\n(.*?)```", Pattern.DOTALL);

  @Test
  void protocolDocShowsEveryFixtureVerbatim() throws IOException, URISyntaxException {
    String doc = Files.readString(Path.of("..", "docs", "PROTOCOL.md"));
    List<String> shown = new ArrayList<>();
    Matcher example = EXAMPLE.matcher(doc);
    while (example.find()) {
      String fixture = example.group(1);
      assertThat(ProtocolFixturesTest.tree(example.group(2)))
          .as("example %s in PROTOCOL.md", fixture)
          .isEqualTo(ProtocolFixturesTest.tree(Fixtures.read(fixture)));
      shown.add(fixture);
    }

    File dir = new File(Fixtures.class.getResource("work-reply.json").toURI()).getParentFile();
    assertThat(shown).containsExactlyInAnyOrder(dir.list((d, name) -> name.endsWith(".json")));
  }
}
