package io.axon.volunteer;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.core.prefs.PreferenceOverrides;
import io.axon.core.prefs.Preferences;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** packaging/linux: the systemd unit and the example files it reads must fit the command. */
class LinuxPackagingTest {
  private static final Path LINUX = Path.of("..", "packaging", "linux");

  @TempDir Path temp;

  @Test
  void theServiceStartsTheVolunteerWithOptionsItAccepts() throws Exception {
    String unit = Files.readString(LINUX.resolve("axon-volunteer.service"));
    Matcher exec = Pattern.compile("(?m)^ExecStart=((?:.*\\\\\\n)*.*)$").matcher(unit);
    assertThat(exec.find()).isTrue();
    List<String> words =
        new ArrayList<>(Arrays.asList(exec.group(1).replace("\\\n", " ").trim().split("\\s+")));
    List<String> args = words.subList(words.indexOf("-jar") + 2, words.size());
    Properties env = new Properties();
    env.load(Files.newBufferedReader(LINUX.resolve("volunteer.env"), StandardCharsets.UTF_8));
    List<String> expanded = new ArrayList<>();
    for (String arg : args) {
      switch (arg) {
        case "${AXON_COORDINATOR}":
          expanded.add(env.getProperty("AXON_COORDINATOR"));
          break;
        case "${STATE_DIRECTORY}":
          expanded.add(temp.toString());
          break;
        case "$AXON_VOLUNTEER_OPTS":
          expanded.addAll(Arrays.asList(env.getProperty("AXON_VOLUNTEER_OPTS").split("\\s+")));
          break;
        default:
          assertThat(arg).as("an unexpanded variable").doesNotContain("$");
          expanded.add(arg);
      }
    }

    VolunteerCommand command =
        new VolunteerCommand(new PrintStream(new ByteArrayOutputStream(), true, "UTF-8"));
    new CommandLine(command).parseArgs(expanded.toArray(new String[0]));

    assertThat(command.configFile).isEqualTo(Path.of("/etc/axon/volunteer.properties"));
    command.configFile = LINUX.resolve("volunteer.properties"); // installed there
    assertThat(command.data.dataDir).isEqualTo(temp);
    assertThat(command.config().coordinatorUrl()).isEqualTo(env.getProperty("AXON_COORDINATOR"));
  }

  @Test
  void everyKeyCommentedOutInTheExampleConfigIsAPreferenceOrAnEngineKeyWithAValidValue()
      throws Exception {
    List<String> lines = Files.readAllLines(LINUX.resolve("volunteer.properties"));
    StringBuilder uncommented = new StringBuilder();
    int keys = 0;
    for (String line : lines) {
      if (line.matches("#[A-Za-z][\\w.]* = .*")) {
        uncommented.append(line.substring(1)).append('\n');
        keys++;
      }
    }
    Path config = Files.writeString(temp.resolve("volunteer.properties"), uncommented);

    Map<String, String> pairs = new java.util.HashMap<>(PreferenceOverrides.readFile(config));
    assertThat(pairs).hasSize(keys);
    assertThat(pairs.keySet())
        .containsAll(
            VolunteerCommand.ENGINE_KEYS.stream()
                .filter(k -> !k.equals(VolunteerCommand.CHECKPOINT_INTERVAL_SECONDS))
                .toList());
    VolunteerCommand command =
        new VolunteerCommand(new PrintStream(new ByteArrayOutputStream(), true, "UTF-8"));
    new CommandLine(command)
        .parseArgs("--coordinator", "http://c:8080", "--name", "n", "--config", config.toString());
    assertThat(command.config().accountKey()).isEqualTo("your-account-key");
    assertThat(command.config().workBufferUnits()).isEqualTo(2);
    pairs.keySet().removeAll(VolunteerCommand.ENGINE_KEYS);
    Preferences applied = PreferenceOverrides.apply(Preferences.defaults(), pairs);

    assertThat(keys).isGreaterThanOrEqualTo(5);
    assertThat(applied).isNotEqualTo(Preferences.defaults());
    assertThat(PreferenceOverrides.readFile(LINUX.resolve("volunteer.properties")))
        .as("everything is commented out, so the defaults hold until the owner chooses")
        .isEmpty();
  }
}
