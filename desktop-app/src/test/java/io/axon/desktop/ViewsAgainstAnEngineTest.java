package io.axon.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.axon.coordinator.testing.TestCoordinator;
import io.axon.core.prefs.PreferencesStore;
import io.axon.desktop.settings.ProjectSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/** The Tasks, Preferences, Earnings and Event log views, each driven against a running engine. */
@ExtendWith(ApplicationExtension.class)
class ViewsAgainstAnEngineTest {
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

  private void attached(String accountKey) {
    app =
        DesktopFixture.start(
            dataDir,
            List.of(new ProjectSettings(coordinator.url(), accountKey, null, false)),
            DesktopFixture.ALWAYS);
  }

  @Test
  void tasksListEveryUnitWithStateProgressAndDeadline(FxRobot robot) throws Exception {
    attached(null);
    robot.clickOn("#nav-tasks");
    assertThat(Fx.call(() -> ((Label) tasks().getPlaceholder()).getText()))
        .isEqualTo("No work units yet.");
    coordinator.submitQuickJob("tasks-view");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> cells(".table-row-cell"), rows -> rows.contains("Reported"));
    String row = cells(".table-row-cell");
    assertThat(row)
        .contains(coordinator.url().replace("http://", ""))
        .contains("tasks-view · round 1")
        .contains("100 %");
    // the deadline: the coordinator's default is 15 minutes after the unit was sent
    assertThat(row).containsPattern(Pattern.compile("\\d{1,2}/\\d{1,2}/\\d{2}"));
  }

  @Test
  void preferencesAreValidatedInPlaceAndTheEngineAppliesTheSavedOnes(FxRobot robot)
      throws Exception {
    attached(null);
    robot.clickOn("#nav-preferences");
    type(robot, "#pref-inUse-maxCpuPercent", "0");
    assertThat(Fx.visible(root(), "#error-inUse-maxCpuPercent")).isTrue();
    assertThat(Fx.text(root(), "#error-inUse-maxCpuPercent"))
        .startsWith("maxCpuPercent must be between 1 and 100 (% of the CPUs), got 0");
    type(robot, "#pref-computeSchedule-monday", "25:00-26:00");
    assertThat(Fx.text(root(), "#error-computeSchedule-monday")).contains("HH:mm-HH:mm");
    assertThat(Fx.call(() -> ((Button) root().lookup("#prefs-save")).isDisabled())).isTrue();

    type(robot, "#pref-inUse-maxCpuPercent", "50");
    type(robot, "#pref-computeSchedule-monday", "all");
    assertThat(Fx.visible(root(), "#error-inUse-maxCpuPercent")).isFalse();
    type(robot, "#pref-inUse-cpuTimePercent", "60");
    Fx.scrollTo(root(), "#prefs-save");
    robot.clickOn("#prefs-save");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Fx.text(root(), "#prefs-message"), t -> t.startsWith("Saved"));
    assertThat(new PreferencesStore(dataDir).load().inUse().cpuTimePercent()).isEqualTo(60);
    // the engine took it up: its event log says so
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> app.component.volunteering().snapshot().events().toString(),
            log -> log.contains("at 60 % CPU time"));
  }

  @Test
  void appSettingsSwitchTheThemeAndStartAtLogin(FxRobot robot) throws Exception {
    attached(null);
    robot.clickOn("#nav-preferences");
    assertThat(Fx.call(() -> app.window.scene().getStylesheets().toString())).contains("light.css");
    robot.clickOn("#pref-theme").clickOn("Dark");
    assertThat(Fx.call(() -> app.window.scene().getStylesheets().toString())).contains("dark.css");
    robot.clickOn("#pref-startAtLogin");
    assertThat(dataDir.resolve("autostart/axon-desktop.desktop")).exists();
    assertThat(Files.readString(dataDir.resolve("desktop.json"))).contains("\"theme\": \"DARK\"");
  }

  @Test
  void earningsSayPlainlyWhatTheCoordinatorCannotTell(FxRobot robot) throws Exception {
    attached(null);
    robot.clickOn("#nav-earnings");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Fx.text(root(), "#earnings-message"), t -> t.contains("without an account"));
    app.close();
    app = null;
    attached("a-key-nobody-issued");
    robot.clickOn("#nav-earnings");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> Fx.text(root(), "#earnings-message"),
            t ->
                t.equals(
                    "Could not get your credit: the coordinator does not know this account key"));
    assertThat(Fx.visible(root(), "#earnings-total-credit")).isFalse();
  }

  @Test
  void aCoordinatorWithoutCreditIsSaidToHaveNone(FxRobot robot) throws Exception {
    // a coordinator from before accounts: every account route is unknown to it
    HttpServer older =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    older.createContext(
        "/",
        exchange -> {
          byte[] body = "{\"error\":\"not_found\",\"detail\":\"no such route\"}".getBytes();
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(404, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    older.start();
    try {
      String url = "http://127.0.0.1:" + older.getAddress().getPort();
      app =
          DesktopFixture.start(
              dataDir,
              List.of(new ProjectSettings(url, "key-from-elsewhere", null, false)),
              DesktopFixture.ALWAYS);
      robot.clickOn("#nav-earnings");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> Fx.text(root(), "#earnings-message"),
              t -> t.equals("Credit and earnings are not available from this coordinator."));
      assertThat(Fx.visible(root(), "#earnings-total-credit")).isFalse();
    } finally {
      older.stop(0);
    }
  }

  @Test
  void theEventLogShowsTheEnginesEventsAndFindsThem(FxRobot robot) {
    attached(null);
    robot.clickOn("#nav-eventlog");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> cells(".table-row-cell"),
            t -> t.contains("volunteering for " + coordinator.url()));
    int all = Fx.call(() -> events().getItems().size());
    assertThat(all).isGreaterThan(1);
    robot.clickOn("#eventlog-search").write("volunteering for");
    assertThat(Fx.call(() -> events().getItems().size())).isEqualTo(1);
    assertThat(Fx.text(root(), "#eventlog-count")).startsWith("1 of ");
    robot.write("xyz-nothing");
    assertThat(Fx.call(() -> events().getItems().size())).isZero();
  }

  private TableView<?> tasks() {
    return (TableView<?>) root().lookup("#tasks-table");
  }

  private TableView<?> events() {
    return (TableView<?>) root().lookup("#eventlog-table");
  }

  /** The text of every labeled cell under the nodes matching {@code selector}. */
  private String cells(String selector) {
    return Fx.call(
        () -> {
          StringBuilder text = new StringBuilder();
          for (Node row : root().lookupAll(selector)) {
            for (Node cell : ((Parent) row).lookupAll(".table-cell")) {
              String t = ((javafx.scene.control.Labeled) cell).getText();
              if (t != null) {
                text.append(t).append(" | ");
              }
            }
            text.append('\n');
          }
          return text.toString();
        });
  }

  private void type(FxRobot robot, String selector, String text) {
    Fx.scrollTo(root(), selector);
    robot.clickOn(selector);
    robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
    robot.write(text);
  }
}
