package io.axon.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.axon.coordinator.testing.TestCoordinator;
import io.axon.desktop.settings.ProjectSettings;
import io.axon.desktop.settings.SettingsStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.Parent;
import javafx.scene.chart.LineChart;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The whole way from a first run to money: attach with a new account (one click), a unit runs, its
 * progress shows, the coordinator validates it, and the earnings view shows the credit.
 */
@ExtendWith(ApplicationExtension.class)
class EarningsViewTest {
  @TempDir Path coordinatorDir;
  @TempDir Path dataDir;
  DesktopFixture app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  private Parent root() {
    return app.window.scene().getRoot();
  }

  @Test
  void attachRunValidateAndTheEarningsViewShowsTheCredit(FxRobot robot) throws Exception {
    try (TestCoordinator coordinator = TestCoordinator.start(coordinatorDir)) {
      app = DesktopFixture.start(dataDir, List.of(), DesktopFixture.ALWAYS);
      Fx.run(() -> ((TextField) root().lookup("#projects-url")).setText(coordinator.url()));
      robot.clickOn("#projects-attach"); // no key: the app opens an account
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> Fx.text(root(), "#projects-message"), t -> t.contains(" as "));
      ProjectSettings project = new SettingsStore(dataDir).load().projects().get(0);
      assertThat(project.accountKey()).isNotBlank();
      assertThat(project.accountName()).isNotBlank();

      coordinator.submitMlpJob("earnings-mlp", 20, true);
      robot.clickOn("#nav-status");
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> app.component.volunteering().snapshot().currentUnits(), u -> !u.isEmpty());
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> app.component.volunteering().snapshot().units(),
              u -> u.stream().anyMatch(s -> s.state().name().equals("REPORTED")));

      robot.clickOn("#nav-earnings");
      // the coordinator grants the credit soon after the result; until the view shows it, each
      // poll asks again with Refresh, and the next one looks at the answer
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                String credit = Fx.text(root(), "#earnings-total-credit");
                if (Fx.visible(root(), "#earnings-total-credit")
                    && credit != null
                    && Double.parseDouble(credit.replace(",", "")) > 0) {
                  return true;
                }
                Fx.run(() -> robot.lookup("#earnings-refresh").queryButton().fire());
                return false;
              });
      assertThat(Double.parseDouble(Fx.text(root(), "#earnings-rac").replace(",", "")))
          .isPositive();
      assertThat(Fx.text(root(), "#earnings-money")).endsWith("USD");
      assertThat(
              Fx.call(
                  () ->
                      ((LineChart<?, ?>) root().lookup("#earnings-chart"))
                          .getData()
                          .get(0)
                          .getData()
                          .size()))
          .isEqualTo(1);
      assertThat(
              Fx.call(() -> ((TableView<?>) root().lookup("#earnings-jobs")).getItems().toString()))
          .contains("earnings-mlp");
    }
  }
}
