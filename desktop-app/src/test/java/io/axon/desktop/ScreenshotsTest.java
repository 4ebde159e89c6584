package io.axon.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.axon.coordinator.testing.TestCoordinator;
import io.axon.core.prefs.PreferenceOverrides;
import io.axon.desktop.common.FxmlView;
import io.axon.desktop.settings.ProjectSettings;
import io.axon.desktop.theme.Theme;
import io.axon.desktop.volunteering.UnitState;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.scene.Parent;
import javafx.scene.control.TableView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The screenshot task: every view in the light and the dark theme, as PNGs, from the real app
 * volunteering for a real coordinator under an account (one unit reported and credited, one in
 * training). Writes to the folder in the system property {@code axon.screenshots} ({@code ./axon
 * desktop --screenshots DIR}); docs/screenshots/ holds the current ones.
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotsTest {
  @TempDir Path coordinatorDir;
  @TempDir Path dataDir;

  @Test
  void writesEveryViewInBothThemes() throws Exception {
    Path out = Path.of(System.getProperty("axon.screenshots", "target/screenshots"));
    Files.createDirectories(out);
    try (TestCoordinator coordinator = TestCoordinator.start(coordinatorDir)) {
      String key = coordinator.createAccount("ada");
      DesktopFixture app =
          DesktopFixture.start(
              dataDir,
              List.of(new ProjectSettings(coordinator.url(), key, "ada", false)),
              DesktopFixture.ALWAYS);
      try {
        // an MLP unit like the next one, so that the speed this host measures fits it
        // (one trusted replica: validated at once, so the earnings view has credit to show)
        coordinator.submitMlpJob("mlp-warm-up", 5, true);
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> app.component.volunteering().snapshot().units(),
                u -> u.stream().anyMatch(s -> s.state() == UnitState.REPORTED));
        // the next unit computes one second, then rests; sized from this machine's speed to need
        // ten, it shows part-way (a unit sized by guess could be done within that second)
        app.component
            .volunteering()
            .updatePreferences(
                p ->
                    PreferenceOverrides.apply(
                        p, Map.of("inUse.cpuTimePercent", "1", "notInUse.cpuTimePercent", "1")))
            .get();
        coordinator.submitJobTrainingAtLeast("mnist-mlp", Duration.ofSeconds(10));
        await()
            .atMost(Duration.ofSeconds(90))
            .until(
                () -> app.component.volunteering().snapshot().currentUnits(),
                u -> !u.isEmpty() && u.get(0).progress() > 0 && u.get(0).timeLeft() != null);
        // the status view (the first one, with a project attached) shows it too
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> Fx.text(app.window.scene().getRoot(), ".unit-detail"),
                t -> t != null && t.matches("\\d+ % · .* left"));
        for (Theme theme : Theme.values()) {
          Fx.run(() -> app.component.themes().force(theme));
          for (FxmlView view : FxmlView.values()) {
            if (view == FxmlView.MAIN_WINDOW) {
              continue;
            }
            Fx.run(() -> app.window.controller().show(view));
            await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> Fx.call(() -> hasItsContent(view, app.window.scene().getRoot())));
            WaitForAsyncUtils.waitForFxEvents();
            Path file =
                out.resolve(name(view) + "-" + theme.name().toLowerCase(Locale.ROOT) + ".png");
            write(Fx.call(() -> app.window.scene().snapshot(null)), file);
            assertThat(file).isNotEmptyFile();
          }
        }
      } finally {
        app.close();
      }
    }
  }

  /**
   * Whether {@code view} shows what it is there for: credit, a project, units, events. Runs on the
   * FX thread.
   */
  private static boolean hasItsContent(FxmlView view, Parent root) {
    return switch (view) {
      case EARNINGS -> Fx.shown(root.lookup("#earnings-total-credit"));
      case PROJECTS -> root.lookup(".project-card") != null;
      case TASKS -> !((TableView<?>) root.lookup("#tasks-table")).getItems().isEmpty();
      case EVENT_LOG -> !((TableView<?>) root.lookup("#eventlog-table")).getItems().isEmpty();
      case STATUS -> root.lookup(".unit-progress") != null;
      default -> true;
    };
  }

  private static String name(FxmlView view) {
    return view.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** A scene snapshot as PNG, without javafx-swing. */
  private static void write(WritableImage image, Path file) throws IOException {
    int w = (int) image.getWidth();
    int h = (int) image.getHeight();
    BufferedImage png = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    PixelReader pixels = image.getPixelReader();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        png.setRGB(x, y, pixels.getArgb(x, y));
      }
    }
    ImageIO.write(png, "png", file.toFile());
  }
}
