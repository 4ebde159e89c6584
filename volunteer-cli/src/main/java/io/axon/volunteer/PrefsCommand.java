package io.axon.volunteer;

import io.axon.core.prefs.PreferencesStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code axon volunteer prefs}: the preferences in force on a data directory, as JSON, so that a
 * volunteer can check what {@code --config} and {@code --set} left there.
 */
@Command(
    name = "prefs",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Prints the preferences in force on a data directory as JSON (defaults for what was never"
          + " set)."
    })
final class PrefsCommand implements Callable<Integer> {
  @Mixin DataDirOption data;

  private final PrintStream out;
  private final PrintStream err;

  PrefsCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws IOException {
    PreferencesStore store = new PreferencesStore(data.dataDir);
    out.print(PreferencesStore.toJson(store.load()));
    if (!Files.exists(store.file())) {
      err.println("(defaults: there is no " + store.file() + " yet)");
    }
    return 0;
  }
}
