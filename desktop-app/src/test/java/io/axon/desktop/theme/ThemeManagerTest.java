package io.axon.desktop.theme;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.desktop.AppOptions;
import io.axon.desktop.Fx;
import io.axon.desktop.settings.AppSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

class ThemeManagerTest {
  @TempDir Path dataDir;

  @Test
  void followsTheSystemUntilTheVolunteerChoosesAndRemembersTheChoice() throws Exception {
    FxToolkit.registerPrimaryStage();
    AppOptions options = new AppOptions(dataDir, dataDir.resolve("autostart"), false, false);
    OsThemeDetector darkDesktop = new OsThemeDetector("Linux", command -> "'prefer-dark'\n");
    ThemeManager themes = new ThemeManager(new AppSettings(options), darkDesktop);
    Scene scene = Fx.call(() -> new Scene(new Pane()));
    Fx.run(() -> themes.register(scene));
    assertThat(sheets(scene)).anyMatch(s -> s.endsWith("light.css")); // before asking

    themes.refresh().get(5, TimeUnit.SECONDS);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(sheets(scene))
        .anyMatch(s -> s.endsWith("dark.css"))
        .anyMatch(s -> s.endsWith("app.css"));

    Fx.run(() -> themes.choose(ThemeChoice.LIGHT));
    assertThat(sheets(scene)).anyMatch(s -> s.endsWith("light.css"));
    assertThat(new AppSettings(options).get().theme()).isEqualTo(ThemeChoice.LIGHT);
  }

  private static List<String> sheets(Scene scene) {
    return Fx.call(() -> List.copyOf(scene.getStylesheets()));
  }
}
