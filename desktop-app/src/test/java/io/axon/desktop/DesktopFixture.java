package io.axon.desktop;

import io.axon.core.prefs.PreferenceOverrides;
import io.axon.core.prefs.Preferences;
import io.axon.core.prefs.PreferencesStore;
import io.axon.desktop.mainwindow.MainWindow;
import io.axon.desktop.settings.ProjectSettings;
import io.axon.desktop.settings.Settings;
import io.axon.desktop.settings.SettingsStore;
import io.axon.desktop.theme.ThemeChoice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;

/**
 * The real app in a test: its own data directory, the real Dagger component, engines and poller,
 * the main window on TestFX's stage. Only the system tray and the single-instance lock, which
 * belong to {@link DesktopApp}, are left out.
 */
public final class DesktopFixture implements AutoCloseable {
  /** Compute regardless of this busy build machine's load, at full speed. */
  public static final Map<String, String> ALWAYS = Map.of("runMode", "ALWAYS");

  public final Path dataDir;
  public final DesktopComponent component;
  public final MainWindow window;

  private DesktopFixture(Path dataDir, Stage stage) {
    this.dataDir = dataDir;
    this.component =
        DesktopComponent.create(
            new AppOptions(dataDir, dataDir.resolve("autostart"), false, false));
    this.window = MainWindow.on(stage, component);
    component.volunteering().start();
    component.poller().start();
    stage.show();
  }

  /**
   * Saves the settings and preferences first, then starts the app on TestFX's primary stage. Call
   * from the test thread.
   */
  public static DesktopFixture start(
      Path dataDir, List<ProjectSettings> projects, Map<String, String> preferences) {
    try {
      new SettingsStore(dataDir).save(new Settings(projects, ThemeChoice.LIGHT, false, false));
      Preferences prefs = PreferenceOverrides.apply(Preferences.defaults(), preferences);
      new PreferencesStore(dataDir).save(prefs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Stage stage = FxToolkit.registerPrimaryStage();
      return Fx.call(() -> new DesktopFixture(dataDir, stage));
    } catch (TimeoutException e) {
      throw new AssertionError("no JavaFX stage", e);
    }
  }

  @Override
  public void close() {
    component.poller().close();
    component.volunteering().close();
  }
}
