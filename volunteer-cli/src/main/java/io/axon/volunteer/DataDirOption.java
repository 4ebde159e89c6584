package io.axon.volunteer;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir}, the same for the volunteer and the commands that look at it. */
final class DataDirOption {
  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "${sys:user.home}/.axon-volunteer",
      description =
          "Identity, preferences, status, blob cache and unsent results"
              + " (default: ${DEFAULT-VALUE})")
  Path dataDir;
}
