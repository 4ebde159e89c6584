package io.axon.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.axon.coordinator.testing.TestCoordinator;
import io.axon.desktop.common.FxmlView;
import io.axon.desktop.settings.ProjectSettings;
import io.axon.desktop.settings.SettingsStore;
import io.axon.desktop.volunteering.UnitState;
import io.axon.desktop.volunteering.UnitStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.Parent;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

@ExtendWith(ApplicationExtension.class)
class ProjectsViewTest {
  @TempDir static Path coordinatorDir;
  static TestCoordinator coordinator;
  @TempDir Path dataDir;
  DesktopFixture app;

  @BeforeAll
  static void startCoordinator() {
    coordinator = TestCoordinator.start(coordinatorDir);
  }

  @AfterAll
  static void stopCoordinator() {
    coordinator.close();
  }

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
  void onFirstRunOneClickAttachesToTheDemoCoordinatorAndAUnitRuns(FxRobot robot) throws Exception {
    app = DesktopFixture.start(dataDir, List.of(), DesktopFixture.ALWAYS);
    // the first run opens on Projects, the demo coordinator's address filled in
    assertThat(Fx.call(() -> app.window.controller().shown())).isEqualTo(FxmlView.PROJECTS);
    assertThat(Fx.visible(root(), "#projects-welcome")).isTrue();
    assertThat(Fx.text(root(), "#projects-url")).isEqualTo("http://localhost:8080");
    // this test's coordinator listens on a random port rather than the demo's 8080
    Fx.run(() -> ((TextField) root().lookup("#projects-url")).setText(coordinator.url()));

    robot.clickOn("#projects-attach"); // the one click

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> Fx.text(root(), "#projects-message"), t -> t.startsWith("Attached to"));
    assertThat(new SettingsStore(dataDir).load().projects())
        .extracting(ProjectSettings::coordinatorUrl)
        .containsExactly(coordinator.url());
    assertThat(Fx.visible(root(), "#projects-welcome")).isFalse();
    coordinator.submitQuickJob("first-run");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> app.component.volunteering().snapshot().units(),
            units -> units.stream().anyMatch(u -> u.state() == UnitState.REPORTED));
  }

  @Test
  void refusesAnAddressThatIsNoCoordinatorInPlace(FxRobot robot) {
    app = DesktopFixture.start(dataDir, List.of(), DesktopFixture.ALWAYS);
    Fx.run(() -> ((TextField) root().lookup("#projects-url")).clear());
    robot.clickOn("#projects-url").write("localhost:8080");
    robot.clickOn("#projects-attach");
    assertThat(Fx.text(root(), "#projects-message"))
        .isEqualTo("'localhost:8080' is no coordinator address; it looks like http://host:8080");
    assertThat(Fx.call(() -> root().lookup("#projects-message").getStyleClass()))
        .contains("field-error");
  }

  @Test
  void noNewWorkFinishesWhatIsInHandAndDetachForgetsTheProject(FxRobot robot) throws Exception {
    app =
        DesktopFixture.start(
            dataDir,
            List.of(new ProjectSettings(coordinator.url(), null, null, false)),
            DesktopFixture.ALWAYS);
    robot.clickOn("#nav-projects");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> Fx.text(root(), ".project-state"), t -> t.startsWith("Waiting"));

    robot.clickOn(".no-new-work");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> Fx.text(root(), ".project-state"), t -> t.startsWith("No new work"));
    assertThat(new SettingsStore(dataDir).load().projects().get(0).noNewWork()).isTrue();
    long job = coordinator.submitQuickJob("no-new-work").id();
    // a fixed quiet window is the point: an engine that fetched would ask every second (the
    // coordinator's retry-after) and have the unit within about one; none may take it in three
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(app.component.volunteering().snapshot().units())
                    .extracting(UnitStatus::jobName)
                    .doesNotContain("no-new-work"));
    assertThat(coordinator.job(job).state().toString()).isEqualTo("RUNNING");

    robot.clickOn(".detach");
    await().atMost(Duration.ofSeconds(20)).until(() -> Fx.visible(root(), "#projects-welcome"));
    assertThat(new SettingsStore(dataDir).load().projects()).isEmpty();
    assertThat(Fx.call(() -> root().lookup(".project-card"))).isNull();
  }
}
