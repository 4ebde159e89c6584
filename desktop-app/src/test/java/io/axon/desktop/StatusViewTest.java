package io.axon.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.axon.coordinator.testing.TestCoordinator;
import io.axon.core.prefs.Preferences;
import io.axon.core.prefs.PreferencesStore;
import io.axon.desktop.settings.ProjectSettings;
import io.axon.desktop.volunteering.VolunteerSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javafx.scene.Parent;
import javafx.scene.control.ProgressBar;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

@ExtendWith(ApplicationExtension.class)
class StatusViewTest {
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

  @BeforeEach
  void start(TestInfo test) {
    boolean attached = !test.getDisplayName().startsWith("saysWhy");
    app =
        DesktopFixture.start(
            dataDir,
            attached
                ? List.of(new ProjectSettings(coordinator.url(), null, null, false))
                : List.of(),
            // the unit computes one second, then rests 99: its progress stays in view
            Map.of(
                "runMode", "ALWAYS",
                "inUse.cpuTimePercent", "1",
                "notInUse.cpuTimePercent", "1"));
  }

  @AfterEach
  void stop() {
    app.close();
  }

  private Parent root() {
    return app.window.scene().getRoot();
  }

  @Test
  void saysWhyNothingRunsBeforeAProjectIsAttached(FxRobot robot) {
    robot.clickOn("#nav-status");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "Not volunteering yet".equals(Fx.text(root(), "#status-state")));
    assertThat(Fx.text(root(), "#status-reason")).contains("Attach to a project");
    assertThat(Fx.visible(root(), "#status-no-units")).isTrue();
  }

  @Test
  void showsTheUnitInTrainingWithProgressAndTimeLeftThenPausesSnoozesAndResumes(FxRobot robot)
      throws Exception {
    // sized from this machine's speed to need 20 s at full speed, so that the throttle's first
    // one-second slice leaves it part-way (a quiet machine trains the 'slow' job in about one)
    long job = coordinator.submitJobTrainingAtLeast("status-slow", Duration.ofSeconds(20)).id();
    awaitOrExplain(
        "the status view says Running",
        Duration.ofSeconds(90),
        () -> "Running".equals(Fx.text(root(), "#status-state")));
    // the unit's bar shows partial progress: the throttle holds it mid-way
    awaitOrExplain(
        "the unit's bar shows partial progress",
        Duration.ofSeconds(60),
        () -> {
          double p = progress();
          return p > 0 && p < 1;
        });
    String detail =
        Fx.call(() -> ((javafx.scene.control.Label) root().lookup(".unit-detail")).getText());
    assertThat(detail).matches("\\d+ % · .* left");
    assertThat(Fx.text(root(), "#status-reason")).contains("training thread");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Fx.text(root(), "#status-cpu"), t -> t.matches("Axon \\d+ % · .*CPUs"));

    robot.clickOn("#status-pause");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "Paused".equals(Fx.text(root(), "#status-state")));
    assertThat(new PreferencesStore(dataDir).load().runMode())
        .isEqualTo(Preferences.RunMode.SUSPENDED);
    // the engine applies it: the unit in hand shows as suspended, or, once the engine has
    // checkpointed and set it aside, no longer shows as training
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                Fx.call(
                    () -> {
                      var label = (javafx.scene.control.Label) root().lookup(".unit-detail");
                      return label == null ? "none" : label.getText();
                    }),
            t -> t.endsWith("Suspended") || t.equals("none"));

    robot.clickOn("#status-resume");
    // resumed: no longer paused by the user (the set-aside unit may first wait out its throttle)
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Fx.text(root(), "#status-state"), t -> !t.equals("Paused"));
    assertThat(new PreferencesStore(dataDir).load().runMode())
        .isNotEqualTo(Preferences.RunMode.SUSPENDED);

    robot.clickOn("#status-snooze");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "Snoozed".equals(Fx.text(root(), "#status-state")));
    Instant until = new PreferencesStore(dataDir).load().snoozeUntil();
    assertThat(until).isBetween(Instant.now().plusSeconds(3500), Instant.now().plusSeconds(3601));
    assertThat(Fx.text(root(), "#status-reason")).contains("resumes by itself");

    robot.clickOn("#status-resume");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Fx.text(root(), "#status-state"), t -> !t.equals("Snoozed"));
    assertThat(new PreferencesStore(dataDir).load().snoozeUntil()).isNull();
    assertThat(coordinator.job(job).state().toString()).isNotEqualTo("FAILED");
  }

  /**
   * Waits for {@code condition}; on timeout fails with what the app knew (its units, projects,
   * decision and event log), so that a failure on a build machine says why, not only where.
   */
  private void awaitOrExplain(String what, Duration atMost, Callable<Boolean> condition) {
    try {
      await().atMost(atMost).until(condition);
    } catch (ConditionTimeoutException e) {
      VolunteerSnapshot s = app.component.volunteering().snapshot();
      StringBuilder why = new StringBuilder();
      why.append("not within ").append(atMost).append(": ").append(what);
      why.append("\nshown: state=").append(Fx.text(root(), "#status-state"));
      why.append(", reason=").append(Fx.text(root(), "#status-reason"));
      why.append(", bar=").append(progress());
      why.append("\ndecision: ")
          .append(s.decision() == null ? "none" : s.decision().computeReason());
      why.append("\nprojects: ").append(s.projects());
      why.append("\nunits: ").append(s.units());
      s.events()
          .forEach(ev -> why.append("\nevent ").append(ev.time()).append(' ').append(ev.message()));
      throw new AssertionError(why.toString(), e);
    }
  }

  private double progress() {
    return Fx.call(
        () -> {
          ProgressBar bar = (ProgressBar) root().lookup(".unit-progress");
          return bar == null ? -1 : bar.getProgress();
        });
  }
}
