package io.axon.desktop.tray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.axon.core.prefs.Preferences;
import io.axon.core.prefs.PreferencesStore;
import io.axon.desktop.AppOptions;
import io.axon.desktop.DesktopComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

class TrayMenuTest {
  @TempDir Path dataDir;

  @Test
  void theTrayMenuPausesSnoozesResumesOpensAndQuits() throws Exception {
    FxToolkit.registerPrimaryStage(); // Open and Quit run on the FX thread
    DesktopComponent app =
        DesktopComponent.create(
            new AppOptions(dataDir, dataDir.resolve("autostart"), false, false));
    CountDownLatch opened = new CountDownLatch(1);
    CountDownLatch quit = new CountDownLatch(1);
    List<TrayIntegration.Action> menu = app.tray().actions(opened::countDown, quit::countDown);
    assertThat(menu.stream().map(TrayIntegration.Action::label).collect(Collectors.toList()))
        .containsExactly("Open Axon", "Pause", "Snooze 1 h", "Resume", "Quit");
    PreferencesStore store = new PreferencesStore(dataDir);

    action(menu, "Pause").run();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> store.load().runMode() == Preferences.RunMode.SUSPENDED);

    action(menu, "Resume").run();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> store.load().runMode() == Preferences.RunMode.BY_PREFERENCES);

    action(menu, "Snooze 1 h").run();
    await().atMost(Duration.ofSeconds(5)).until(() -> store.load().snoozeUntil() != null);
    assertThat(store.load().snoozeUntil())
        .isBetween(Instant.now().plusSeconds(3500), Instant.now().plusSeconds(3601));

    action(menu, "Resume").run();
    await().atMost(Duration.ofSeconds(5)).until(() -> store.load().snoozeUntil() == null);

    action(menu, "Open Axon").run();
    action(menu, "Quit").run();
    assertThat(opened.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(quit.await(5, TimeUnit.SECONDS)).isTrue();
    app.volunteering().close();
  }

  @Test
  void thereIsNoTrayWithoutADisplay() {
    // surefire runs headless (java.awt.headless=true): the app then keeps its window instead
    assertThat(TrayIntegration.available()).isFalse();
  }

  private static Runnable action(List<TrayIntegration.Action> menu, String label) {
    return menu.stream().filter(a -> a.label().equals(label)).findFirst().orElseThrow().run();
  }
}
