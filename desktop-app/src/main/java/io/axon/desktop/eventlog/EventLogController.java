package io.axon.desktop.eventlog;

import io.axon.core.eventlog.Event;
import io.axon.desktop.common.Formats;
import io.axon.desktop.volunteering.VolunteerModel;
import io.axon.desktop.volunteering.VolunteerSnapshot;
import jakarta.inject.Inject;
import java.text.MessageFormat;
import java.time.ZoneId;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.Predicate;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;

/** The engines' event log, newest last, filtered as the volunteer types. */
public final class EventLogController {
  private final VolunteerModel model;
  private final ResourceBundle messages;
  private final ObservableList<Event> events = FXCollections.observableArrayList();
  private final FilteredList<Event> shown = new FilteredList<>(events);

  @FXML private TextField searchField;
  @FXML private Label countLabel;
  @FXML private TableView<Event> table;
  @FXML private TableColumn<Event, String> timeColumn;
  @FXML private TableColumn<Event, String> messageColumn;

  @Inject
  EventLogController(VolunteerModel model, ResourceBundle messages) {
    this.model = model;
    this.messages = messages;
  }

  @FXML
  void initialize() {
    table.setItems(shown);
    table.setPlaceholder(new Label(messages.getString("eventlog.none")));
    ZoneId zone = ZoneId.systemDefault();
    timeColumn.setCellValueFactory(
        c -> new ReadOnlyStringWrapper(Formats.logTime(c.getValue().time(), zone)));
    messageColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().message()));
    searchField.textProperty().addListener((obs, old, text) -> filter(text));
    model.snapshotProperty().addListener((obs, old, snapshot) -> show(snapshot));
    show(model.snapshot());
  }

  private void filter(String text) {
    String needle = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    Predicate<Event> matches =
        needle.isEmpty() ? e -> true : e -> e.toString().toLowerCase(Locale.ROOT).contains(needle);
    shown.setPredicate(matches);
    count();
  }

  private void show(VolunteerSnapshot snapshot) {
    if (!events.equals(snapshot.events())) {
      events.setAll(snapshot.events());
      if (!shown.isEmpty()) { // the log follows new events, like a terminal
        table.scrollTo(shown.size() - 1);
      }
    }
    count();
  }

  private void count() {
    countLabel.setText(
        MessageFormat.format(messages.getString("eventlog.count"), shown.size(), events.size()));
  }
}
