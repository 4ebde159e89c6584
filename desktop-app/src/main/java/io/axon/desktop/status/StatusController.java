package io.axon.desktop.status;

import io.axon.core.monitor.Readings;
import io.axon.core.prefs.Decision;
import io.axon.core.prefs.Preferences;
import io.axon.desktop.common.Formats;
import io.axon.desktop.volunteering.ProjectState;
import io.axon.desktop.volunteering.ProjectStatus;
import io.axon.desktop.volunteering.StatusPoller;
import io.axon.desktop.volunteering.UnitState;
import io.axon.desktop.volunteering.UnitStatus;
import io.axon.desktop.volunteering.VolunteerModel;
import io.axon.desktop.volunteering.VolunteerService;
import io.axon.desktop.volunteering.VolunteerSnapshot;
import jakarta.inject.Inject;
import java.text.MessageFormat;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * What Axon does now and why, the units in training with their progress and time left, the CPU it
 * uses, and Pause / Resume / Snooze.
 */
public final class StatusController {
  /** BOINC Manager's snooze, also offered in the tray. */
  public static final Duration SNOOZE = Duration.ofHours(1);

  private final VolunteerModel model;
  private final VolunteerService service;
  private final StatusPoller poller;
  private final ResourceBundle messages;
  private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper();
  private final ReadOnlyStringWrapper reason = new ReadOnlyStringWrapper();

  @FXML private Region stateDot;
  @FXML private Label stateLabel;
  @FXML private Label reasonLabel;
  @FXML private Button pauseButton;
  @FXML private Button resumeButton;
  @FXML private Button snoozeButton;
  @FXML private VBox unitsBox;
  @FXML private Label noUnitsLabel;
  @FXML private ProgressBar cpuBar;
  @FXML private Label cpuLabel;

  @Inject
  StatusController(
      VolunteerModel model,
      VolunteerService service,
      StatusPoller poller,
      ResourceBundle messages) {
    this.model = model;
    this.service = service;
    this.poller = poller;
    this.messages = messages;
  }

  /** The headline state ("Running", "Paused", ...), for the view and the tray. */
  public ReadOnlyStringProperty stateProperty() {
    return state.getReadOnlyProperty();
  }

  /** Why ("suspended: on battery"); may be empty. */
  public ReadOnlyStringProperty reasonProperty() {
    return reason.getReadOnlyProperty();
  }

  @FXML
  void initialize() {
    stateLabel.textProperty().bind(state);
    reasonLabel.textProperty().bind(reason);
    model.snapshotProperty().addListener((obs, old, snapshot) -> show(snapshot));
    show(model.snapshot());
  }

  @FXML
  void pause() {
    act(service.pause());
  }

  @FXML
  void resume() {
    act(service.resume());
  }

  @FXML
  void snooze() {
    act(service.snooze(SNOOZE));
  }

  private void act(CompletableFuture<?> change) {
    pauseButton.setDisable(true);
    resumeButton.setDisable(true);
    snoozeButton.setDisable(true);
    change.whenComplete(
        (done, error) -> {
          poller.pollSoon();
          Platform.runLater(
              () -> {
                pauseButton.setDisable(false);
                resumeButton.setDisable(false);
                snoozeButton.setDisable(false);
              });
        });
  }

  private void show(VolunteerSnapshot s) {
    Headline headline = headline(s, messages);
    state.set(headline.state());
    reason.set(headline.reason());
    stateDot.getStyleClass().setAll("state-dot", "state-" + headline.kind());
    boolean snoozed = snoozed(s);
    boolean paused = s.preferences().runMode() == Preferences.RunMode.SUSPENDED;
    show(pauseButton, !paused && !snoozed);
    show(resumeButton, paused || snoozed);
    show(snoozeButton, !snoozed && !paused);
    showUnits(s.currentUnits());
    showCpu(s.readings());
  }

  private static void show(Button button, boolean visible) {
    button.setVisible(visible);
    button.setManaged(visible);
  }

  private static boolean snoozed(VolunteerSnapshot s) {
    return s.preferences().snoozeUntil() != null && s.preferences().snoozeUntil().isAfter(s.time());
  }

  /** The state in a word, the reason in a sentence, and a kind for the colour of the dot. */
  record Headline(String state, String reason, String kind) {}

  static Headline headline(VolunteerSnapshot s, ResourceBundle m) {
    if (s.projects().isEmpty()) {
      return new Headline(
          m.getString("status.notAttached"), m.getString("status.attachHint"), "off");
    }
    if (snoozed(s)) {
      String until = Formats.time(s.preferences().snoozeUntil(), ZoneId.systemDefault());
      return new Headline(
          m.getString("status.snoozed"),
          MessageFormat.format(m.getString("status.snoozedUntil"), until),
          "paused");
    }
    if (s.preferences().runMode() == Preferences.RunMode.SUSPENDED) {
      return new Headline(
          m.getString("status.paused"), m.getString("status.pausedByYou"), "paused");
    }
    Decision decision = s.decision();
    if (decision != null && !decision.computeAllowed()) {
      return new Headline(m.getString("status.suspended"), decision.computeReason(), "paused");
    }
    if (s.units().stream().anyMatch(u -> u.state() == UnitState.RUNNING)) {
      String limits =
          decision == null
              ? ""
              : MessageFormat.format(
                  m.getString("status.limits"),
                  decision.profile(),
                  decision.maxThreads(),
                  decision.cpuTimePercent());
      return new Headline(m.getString("status.running"), limits, "running");
    }
    for (ProjectStatus p : s.projects()) {
      if (p.state() == ProjectState.FAILED) {
        return new Headline(m.getString("status.failed"), p.reason(), "error");
      }
    }
    String why =
        s.projects().stream()
            .map(ProjectStatus::reason)
            .filter(r -> !r.isEmpty())
            .findFirst()
            .orElse("");
    return new Headline(m.getString("status.idle"), why, "idle");
  }

  private void showUnits(List<UnitStatus> units) {
    noUnitsLabel.setVisible(units.isEmpty());
    noUnitsLabel.setManaged(units.isEmpty());
    unitsBox.getChildren().clear();
    for (UnitStatus unit : units) {
      Label name =
          new Label(
              MessageFormat.format(
                  messages.getString("status.unitName"),
                  unit.jobName(),
                  unit.round(),
                  Long.toString(unit.workUnitId())));
      name.getStyleClass().add("unit-name");
      ProgressBar bar = new ProgressBar(unit.progress());
      bar.setId("unit-progress-" + unit.workUnitId());
      bar.getStyleClass().add("unit-progress");
      bar.setMaxWidth(Double.MAX_VALUE);
      HBox.setHgrow(bar, Priority.ALWAYS);
      String left =
          unit.state() == UnitState.SUSPENDED
              ? messages.getString("state.SUSPENDED")
              : MessageFormat.format(
                  messages.getString("status.timeLeft"), Formats.duration(unit.timeLeft()));
      Label detail = new Label(Formats.percent(unit.progress()) + " · " + left);
      detail.setId("unit-detail-" + unit.workUnitId());
      detail.getStyleClass().add("unit-detail");
      detail.getStyleClass().add("muted");
      HBox row = new HBox(12, bar, detail);
      row.setAlignment(Pos.CENTER_LEFT);
      VBox card = new VBox(6, name, row);
      card.getStyleClass().add("card");
      unitsBox.getChildren().add(card);
    }
  }

  private void showCpu(Readings r) {
    if (r == null) {
      cpuBar.setProgress(0);
      cpuLabel.setText(messages.getString("status.cpuUnknown"));
      return;
    }
    double own = Double.isNaN(r.processCpuLoad()) ? 0 : r.processCpuLoad();
    cpuBar.setProgress(own);
    cpuLabel.setText(
        MessageFormat.format(
            messages.getString("status.cpuUse"),
            Formats.percent(own),
            Formats.percent(r.systemCpuLoad()),
            r.logicalCpus()));
  }
}
