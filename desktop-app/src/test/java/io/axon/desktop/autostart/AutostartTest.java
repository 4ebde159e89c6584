package io.axon.desktop.autostart;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.desktop.AppOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutostartTest {
  @TempDir Path dir;

  @Test
  void writesAnXdgAutostartEntryThatStartsMinimisedAndRemovesIt() throws Exception {
    Autostart autostart =
        new Autostart(new AppOptions(dir.resolve("data"), dir.resolve("autostart"), false, false));
    assertThat(autostart.enabled()).isFalse();
    autostart.set(true);
    assertThat(autostart.file()).isEqualTo(dir.resolve("autostart/axon-desktop.desktop"));
    String entry = Files.readString(autostart.file());
    assertThat(entry)
        .startsWith("[Desktop Entry]\n")
        .contains("Type=Application\n")
        .containsPattern("(?m)^Exec=.*io.axon.desktop.DesktopMain --minimised$");
    autostart.set(false);
    assertThat(autostart.enabled()).isFalse();
  }

  @Test
  void quotesArgumentsAsTheDesktopEntrySpecificationSays() {
    assertThat(Autostart.entry(List.of("/opt/axon desktop/bin/Axon", "--minimised")))
        .contains("Exec=\"/opt/axon desktop/bin/Axon\" --minimised\n");
  }
}
