package io.axon.desktop.theme;

import io.axon.desktop.settings.AppSettings;
import io.axon.desktop.settings.Settings;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;

/**
 * Applies the light or dark style sheet to every scene of the app: the one chosen, or the one the
 * operating system uses (asked off the FX thread; light when it cannot tell).
 */
@Singleton
public final class ThemeManager {
  static final String BASE = "/io/axon/desktop/css/app.css";

  private final AppSettings settings;
  private final OsThemeDetector detector;
  private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(Theme.LIGHT);
  private final List<Scene> scenes = new ArrayList<>();
  private volatile Optional<Theme> osTheme = Optional.empty();

  @Inject
  public ThemeManager(AppSettings settings, OsThemeDetector detector) {
    this.settings = settings;
    this.detector = detector;
    theme.addListener((obs, old, now) -> scenes.forEach(this::style));
  }

  /** The theme shown now. FX thread. */
  public ReadOnlyObjectProperty<Theme> themeProperty() {
    return theme;
  }

  /** What the volunteer chose. */
  public ThemeChoice choice() {
    return settings.get().theme();
  }

  /** Styles {@code scene} now and whenever the theme changes. FX thread. */
  public void register(Scene scene) {
    scenes.add(scene);
    style(scene);
  }

  /** Asks the operating system (in the background) and applies the result. */
  public CompletableFuture<Void> refresh() {
    return CompletableFuture.runAsync(() -> osTheme = detector.detect())
        .thenRun(() -> Platform.runLater(this::apply));
  }

  /** Saves and applies a choice. FX thread. */
  public void choose(ThemeChoice choice) {
    settings.update(s -> new Settings(s.projects(), choice, s.startMinimised(), s.startAtLogin()));
    apply();
  }

  /** Shows {@code shown} regardless of the setting, e.g. for screenshots. FX thread. */
  public void force(Theme shown) {
    theme.set(shown);
  }

  private void apply() {
    theme.set(
        switch (choice()) {
          case LIGHT -> Theme.LIGHT;
          case DARK -> Theme.DARK;
          case SYSTEM -> osTheme.orElse(Theme.LIGHT);
        });
  }

  private void style(Scene scene) {
    scene
        .getStylesheets()
        .setAll(ThemeManager.class.getResource(BASE).toExternalForm(), theme.get().styleSheet());
  }
}
