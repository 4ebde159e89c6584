package io.axon.volunteer;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.core.engine.EngineConfig;
import io.axon.core.engine.FakeCoordinator;
import io.axon.core.prefs.PreferenceOverrides;
import io.axon.core.prefs.Preferences;
import io.axon.core.prefs.PreferencesStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --config}, {@code --set}, {@code --checkpoint-interval} and {@code prefs}. */
class PreferenceOptionsTest {
  @TempDir Path dataDir;
  @TempDir Path etc;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return VolunteerMain.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private PreferencesStore store() {
    return new PreferencesStore(dataDir);
  }

  @Test
  void configThenSetAreAppliedOnTopOfTheSavedPreferencesAndSaved() throws Exception {
    store()
        .save(
            PreferenceOverrides.apply(
                Preferences.defaults(), Map.of("notInUse.maxCpuPercent", "75")));
    Path config =
        Files.writeString(
            etc.resolve("volunteer.properties"),
            "# a laptop\n"
                + "inUse.maxCpuPercent = 25\n"
                + "computeSchedule.everyDay = 22:00-06:00\n"
                + "network.maxMegabytes = 500\n");

    try (FakeCoordinator coordinator = FakeCoordinator.start()) {
      coordinator.offerLogistic(500, 1);
      int code =
          run(
              "--coordinator", coordinator.url(),
              "--data-dir", dataDir.toString(),
              "--threads", "1",
              "--max-units", "1",
              "--config", config.toString(),
              "--set", "inUse.maxCpuPercent=30",
              "--set", "runMode=always");

      assertThat(code).as(err()).isZero();
      assertThat(coordinator.results()).hasSize(1);
    }

    Preferences saved = store().load();
    assertThat(saved.notInUse().maxCpuPercent()).as("kept from before").isEqualTo(75);
    assertThat(saved.inUse().maxCpuPercent()).as("--set wins over --config").isEqualTo(30);
    assertThat(saved.computeSchedule().describe(DayOfWeek.TUESDAY)).isEqualTo("22:00-06:00");
    assertThat(saved.network().maxMegabytes()).isEqualTo(500);
    assertThat(saved.runMode()).isEqualTo(Preferences.RunMode.ALWAYS);
    assertThat(out()).startsWith("preferences saved to " + store().file() + "\n");
  }

  @Test
  void withoutConfigOrSetTheSavedPreferencesAreLeftAlone() throws Exception {
    try (FakeCoordinator coordinator = FakeCoordinator.start()) {
      coordinator.offerLogistic(500, 1);
      int code =
          run(
              "--coordinator",
              coordinator.url(),
              "--data-dir",
              dataDir.toString(),
              "--threads",
              "1",
              "--max-units",
              "1");

      assertThat(code).as(err()).isZero();
    }
    assertThat(store().file()).doesNotExist();
    assertThat(out()).doesNotContain("preferences saved");
  }

  @Test
  void anUnknownKeyInSetExits2NamesItAndSavesNothing() {
    int code =
        run(
            "--coordinator", "http://localhost:1",
            "--data-dir", dataDir.toString(),
            "--set", "inUse.maxCpuPercnt=50");

    assertThat(code).isEqualTo(2);
    assertThat(err())
        .contains("axon volunteer: --set: inUse.maxCpuPercnt=50: unknown preference key")
        .contains("inUse.maxCpuPercent");
    assertThat(store().file()).doesNotExist();
  }

  @Test
  void aValueOutOfRangeInTheConfigFileExits2NamingTheFileAndTheKey() throws Exception {
    Path config = Files.writeString(etc.resolve("bad.properties"), "notInUse.maxCpuPercent=0\n");

    int code =
        run(
            "--coordinator", "http://localhost:1",
            "--data-dir", dataDir.toString(),
            "--config", config.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err())
        .contains(
            "axon volunteer: " + config + ": notInUse.maxCpuPercent=0: maxCpuPercent must be");
    assertThat(store().file()).doesNotExist();
  }

  @Test
  void aSetWithoutAnEqualsSignOrAMissingConfigFileExits2() {
    assertThat(
            run(
                "--coordinator", "http://localhost:1",
                "--data-dir", dataDir.toString(),
                "--set", "runMode"))
        .isEqualTo(2);
    assertThat(err()).contains("--set: expected key=value");

    err.reset();
    Path missing = etc.resolve("missing.properties");
    assertThat(
            run(
                "--coordinator", "http://localhost:1",
                "--data-dir", dataDir.toString(),
                "--config", missing.toString()))
        .isEqualTo(2);
    assertThat(err()).contains("cannot read --config " + missing);
  }

  @Test
  void checkpointIntervalIsGivenInSecondsAndChecked() {
    VolunteerCommand command = new VolunteerCommand(System.out);
    new CommandLine(command)
        .parseArgs("--coordinator", "http://c:8080", "--name", "n", "--checkpoint-interval", "2.5");
    assertThat(command.config().checkpointInterval()).isEqualTo(Duration.ofMillis(2500));

    VolunteerCommand defaults = new VolunteerCommand(System.out);
    new CommandLine(defaults).parseArgs("--coordinator", "http://c:8080", "--name", "n");
    assertThat(defaults.config().checkpointInterval())
        .isEqualTo(EngineConfig.DEFAULT_CHECKPOINT_INTERVAL);

    assertThat(run("--coordinator", "http://c:8080", "--checkpoint-interval", "0.01")).isEqualTo(2);
    assertThat(err()).contains("--checkpoint-interval must be from 0.1 to 86400 seconds, got 0.01");
  }

  @Test
  void theAccountKeyAndWorkBufferComeFromFlagsElseSetElseTheConfigFileAndAreNotSaved()
      throws Exception {
    Path config =
        Files.writeString(
            etc.resolve("volunteer.properties"),
            "accountKey = key-from-file\n"
                + "workBufferUnits = 3\n"
                + "checkpointIntervalSeconds = 30\n"
                + "inUse.maxCpuPercent = 25\n");
    VolunteerCommand fromFile = parse("--config", config.toString());
    assertThat(fromFile.config().accountKey()).isEqualTo("key-from-file");
    assertThat(fromFile.config().workBufferUnits()).isEqualTo(3);
    assertThat(fromFile.config().checkpointInterval()).isEqualTo(Duration.ofSeconds(30));

    VolunteerCommand fromSet =
        parse("--config", config.toString(), "--set", "workBufferUnits=0", "--set", "accountKey=s");
    assertThat(fromSet.config().workBufferUnits()).isZero();
    assertThat(fromSet.config().accountKey()).isEqualTo("s");

    VolunteerCommand fromFlags =
        parse(
            "--config", config.toString(),
            "--set", "workBufferUnits=0",
            "--work-buffer", "2",
            "--account-key", "key-from-flag");
    assertThat(fromFlags.config().workBufferUnits()).isEqualTo(2);
    assertThat(fromFlags.config().accountKey()).isEqualTo("key-from-flag");

    assertThat(parse().config().accountKey()).isNull();
    assertThat(parse().config().workBufferUnits())
        .isEqualTo(EngineConfig.DEFAULT_WORK_BUFFER_UNITS);

    // the preferences in the file are saved; the engine keys are not preferences
    assertThat(
            run(
                "--coordinator",
                "http://127.0.0.1:1",
                "--data-dir",
                dataDir.toString(),
                "--config",
                config.toString(),
                "--work-buffer",
                "17"))
        .isEqualTo(2);
    assertThat(err()).contains("workBufferUnits must be in [0, 16], got 17");
    assertThat(store().file()).doesNotExist();
  }

  @Test
  void severalCoordinatorsAreGivenByRepeatingTheOptionOrWithCommasTheFirstNamingTheHost() {
    VolunteerCommand repeated =
        parse("--coordinator", "http://b:8080", "--coordinator", "http://d");
    VolunteerCommand commas = parse("--coordinator", "http://b:8080,http://d");

    assertThat(repeated.config().coordinatorUrls())
        .containsExactly("http://c:8080", "http://b:8080", "http://d");
    assertThat(commas.config().coordinatorUrls())
        .containsExactly("http://c:8080", "http://b:8080", "http://d");
    assertThat(repeated.config().coordinatorUrl()).isEqualTo("http://c:8080");
  }

  @Test
  void aWorkBufferThatIsNotANumberExits2NamingTheKey() throws Exception {
    assertThat(
            run(
                "--coordinator", "http://c:8080",
                "--data-dir", dataDir.toString(),
                "--set", "workBufferUnits=many"))
        .isEqualTo(2);
    assertThat(err()).contains("workBufferUnits=many: expected a number");
  }

  private VolunteerCommand parse(String... args) {
    VolunteerCommand command = new VolunteerCommand(System.out);
    List<String> all = new java.util.ArrayList<>(List.of("--coordinator", "http://c:8080"));
    all.addAll(List.of("--name", "n", "--data-dir", dataDir.toString()));
    all.addAll(List.of(args));
    new CommandLine(command).parseArgs(all.toArray(new String[0]));
    return command;
  }

  @Test
  void helpListsThePreferenceOptionsAndTheSubcommands() {
    assertThat(run("--help")).isZero();
    assertThat(out())
        .contains("--config=FILE")
        .contains("--set=KEY=VALUE")
        .contains("--checkpoint-interval=SECONDS")
        .contains("--work-buffer=UNITS")
        .contains("--account-key=KEY")
        .contains("status")
        .contains("prefs");
  }

  @Test
  void prefsPrintsThePreferencesInForceAsJson() throws Exception {
    Preferences saved =
        PreferenceOverrides.apply(
            Preferences.defaults(), Map.of("inUse.cpuTimePercent", "50", "runMode", "suspended"));
    store().save(saved);

    int code = run("prefs", "--data-dir", dataDir.toString());

    assertThat(code).as(err()).isZero();
    assertThat(out()).isEqualTo(PreferencesStore.toJson(saved)).contains("\"cpuTimePercent\": 50");
    assertThat(PreferencesStore.fromJson(out())).isEqualTo(saved);
    assertThat(err()).isEmpty();
  }

  @Test
  void prefsWithoutASavedFileShowsTheDefaultsAndSaysSo() {
    int code = run("prefs", "--data-dir", dataDir.toString());

    assertThat(code).isZero();
    assertThat(PreferencesStore.fromJson(out())).isEqualTo(Preferences.defaults());
    assertThat(err()).contains("defaults").contains(store().file().toString());
  }

  @Test
  void prefsNamesTheFileAndFieldOfDamagedPreferencesAndExits1() throws Exception {
    Files.writeString(store().file(), "{\"inUse\": {\"maxCpuPercent\": 500}}");

    int code = run("prefs", "--data-dir", dataDir.toString());

    assertThat(code).isEqualTo(1);
    assertThat(err()).contains(store().file().toString()).contains("maxCpuPercent");
  }
}
