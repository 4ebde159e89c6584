package io.axon.desktop.tasks;

import io.axon.desktop.common.Formats;
import io.axon.desktop.volunteering.UnitStatus;
import io.axon.desktop.volunteering.VolunteerModel;
import io.axon.desktop.volunteering.VolunteerSnapshot;
import jakarta.inject.Inject;
import java.time.ZoneId;
import java.util.ResourceBundle;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Every unit held in this session: state, progress, time left and deadline. */
public final class TasksController {
  private final VolunteerModel model;
  private final ResourceBundle messages;
  private final ObservableList<UnitStatus> units = FXCollections.observableArrayList();

  @FXML private TableView<UnitStatus> table;
  @FXML private TableColumn<UnitStatus, String> projectColumn;
  @FXML private TableColumn<UnitStatus, String> jobColumn;
  @FXML private TableColumn<UnitStatus, String> unitColumn;
  @FXML private TableColumn<UnitStatus, String> stateColumn;
  @FXML private TableColumn<UnitStatus, Double> progressColumn;
  @FXML private TableColumn<UnitStatus, String> timeLeftColumn;
  @FXML private TableColumn<UnitStatus, String> deadlineColumn;

  @Inject
  TasksController(VolunteerModel model, ResourceBundle messages) {
    this.model = model;
    this.messages = messages;
  }

  /** The rows shown, for tests and the screenshot task. */
  public ObservableList<UnitStatus> units() {
    return units;
  }

  @FXML
  void initialize() {
    table.setItems(units);
    table.setPlaceholder(new Label(messages.getString("tasks.none")));
    ZoneId zone = ZoneId.systemDefault();
    projectColumn.setCellValueFactory(
        c -> new ReadOnlyStringWrapper(c.getValue().project().replaceFirst("^https?://", "")));
    jobColumn.setCellValueFactory(
        c ->
            new ReadOnlyStringWrapper(
                c.getValue().jobName()
                    + " · "
                    + messages.getString("tasks.round")
                    + " "
                    + c.getValue().round()));
    unitColumn.setCellValueFactory(
        c -> new ReadOnlyStringWrapper(Long.toString(c.getValue().workUnitId())));
    stateColumn.setCellValueFactory(
        c -> new ReadOnlyStringWrapper(messages.getString("state." + c.getValue().state())));
    progressColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().progress()));
    progressColumn.setCellFactory(c -> new ProgressCell());
    timeLeftColumn.setCellValueFactory(
        c -> new ReadOnlyStringWrapper(Formats.duration(c.getValue().timeLeft())));
    deadlineColumn.setCellValueFactory(
        c -> new ReadOnlyStringWrapper(Formats.dateTime(c.getValue().deadline(), zone)));
    model.snapshotProperty().addListener((obs, old, snapshot) -> show(snapshot));
    show(model.snapshot());
  }

  private void show(VolunteerSnapshot snapshot) {
    if (!units.equals(snapshot.units())) {
      units.setAll(snapshot.units());
    }
  }

  /** A progress bar with the percentage beside it. */
  private static final class ProgressCell extends TableCell<UnitStatus, Double> {
    private final ProgressBar bar = new ProgressBar();

    ProgressCell() {
      bar.setMaxWidth(Double.MAX_VALUE);
      getStyleClass().add("progress-cell");
    }

    @Override
    protected void updateItem(Double progress, boolean empty) {
      super.updateItem(progress, empty);
      if (empty || progress == null) {
        setGraphic(null);
        setText(null);
        return;
      }
      bar.setProgress(progress);
      setGraphic(bar);
      setText(Formats.percent(progress));
    }
  }
}
