package io.axon.desktop.preferences;

import io.axon.core.prefs.PreferenceOverrides;
import io.axon.core.prefs.Preferences;
import io.axon.core.prefs.PreferencesException;
import io.axon.desktop.autostart.Autostart;
import io.axon.desktop.settings.AppSettings;
import io.axon.desktop.settings.Settings;
import io.axon.desktop.theme.ThemeChoice;
import io.axon.desktop.theme.ThemeManager;
import io.axon.desktop.volunteering.StatusPoller;
import io.axon.desktop.volunteering.VolunteerModel;
import io.axon.desktop.volunteering.VolunteerService;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.CompletionException;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * Every engine preference, validated in place as it is typed with the engine's own rules ({@link
 * PreferenceOverrides}, the {@link Preferences} record), plus the app's own settings (theme, tray,
 * start at login).
 */
public final class PreferencesController {
  private final VolunteerModel model;
  private final VolunteerService service;
  private final StatusPoller poller;
  private final AppSettings settings;
  private final ThemeManager themes;
  private final Autostart autostart;
  private final ResourceBundle messages;
  private final Map<PreferenceField, Control> controls = new LinkedHashMap<>();
  private final Map<PreferenceField, Label> errors = new LinkedHashMap<>();
  private Preferences saved;

  @FXML private VBox sectionsBox;
  @FXML private ComboBox<ThemeChoice> themeChoice;
  @FXML private CheckBox startMinimisedBox;
  @FXML private CheckBox startAtLoginBox;
  @FXML private Label appMessage;
  @FXML private Button saveButton;
  @FXML private Button revertButton;
  @FXML private Label saveMessage;

  @Inject
  PreferencesController(
      VolunteerModel model,
      VolunteerService service,
      StatusPoller poller,
      AppSettings settings,
      ThemeManager themes,
      Autostart autostart,
      ResourceBundle messages) {
    this.model = model;
    this.service = service;
    this.poller = poller;
    this.settings = settings;
    this.themes = themes;
    this.autostart = autostart;
    this.messages = messages;
  }

  @FXML
  void initialize() {
    initAppSettings();
    String section = null;
    GridPane grid = null;
    int row = 0;
    for (PreferenceField field : PreferenceValues.fields()) {
      if (!field.section().equals(section)) {
        section = field.section();
        Label title = new Label(messages.getString("prefs.section." + section));
        title.getStyleClass().add("section-title");
        grid = grid();
        VBox card = new VBox(10, title, grid);
        card.getStyleClass().add("card");
        sectionsBox.getChildren().add(card);
        row = 0;
      }
      Label label = new Label(messages.getString("pref." + field.key()));
      label.setWrapText(true);
      Control control = control(field);
      control.setId(field.controlId());
      Label error = new Label();
      error.setId(field.errorId());
      error.getStyleClass().add("field-error");
      error.setWrapText(true);
      error.setVisible(false);
      error.setManaged(false);
      VBox cell = new VBox(4, control, error);
      String hint = hint(field);
      if (hint != null) {
        control.setTooltip(new Tooltip(hint));
      }
      grid.addRow(row++, label, cell);
      controls.put(field, control);
      errors.put(field, error);
    }
    saved = model.snapshot().preferences();
    fill(saved, true);
    model
        .snapshotProperty()
        .addListener(
            (obs, old, snapshot) -> {
              if (!snapshot.preferences().equals(saved)) {
                // changed elsewhere (Pause in the tray, a config file): fields not being edited
                // follow
                Preferences before = saved;
                saved = snapshot.preferences();
                fillUnchanged(before, saved);
                validateAll();
              }
            });
    validateAll();
  }

  private GridPane grid() {
    GridPane grid = new GridPane();
    grid.setHgap(16);
    grid.setVgap(10);
    ColumnConstraints labels = new ColumnConstraints();
    labels.setPrefWidth(300);
    labels.setMinWidth(200);
    ColumnConstraints values = new ColumnConstraints();
    values.setHgrow(Priority.ALWAYS);
    grid.getColumnConstraints().setAll(labels, values);
    return grid;
  }

  private String hint(PreferenceField field) {
    String key = "prefHint." + field.key();
    if (messages.containsKey(key)) {
      return messages.getString(key);
    }
    if (field.section().endsWith("Schedule")) {
      return messages.getString("prefHint.schedule");
    }
    return null;
  }

  private Control control(PreferenceField field) {
    return switch (field.kind()) {
      case BOOLEAN -> {
        CheckBox box = new CheckBox();
        box.selectedProperty().addListener((obs, old, now) -> validate(field));
        yield box;
      }
      case RUN_MODE -> {
        ComboBox<String> box =
            new ComboBox<>(
                FXCollections.observableArrayList("ALWAYS", "BY_PREFERENCES", "SUSPENDED"));
        box.valueProperty().addListener((obs, old, now) -> validate(field));
        yield box;
      }
      default -> {
        TextField text = new TextField();
        text.setPrefColumnCount(field.kind() == PreferenceField.Kind.NUMBER ? 8 : 24);
        if (field.kind() == PreferenceField.Kind.NUMBER) {
          text.setMaxWidth(160);
        }
        text.textProperty().addListener((obs, old, now) -> validate(field));
        yield text;
      }
    };
  }

  /** The control's value as the text {@link PreferenceOverrides} reads. */
  private String value(PreferenceField field) {
    Control control = controls.get(field);
    if (control instanceof CheckBox box) {
      return Boolean.toString(box.isSelected());
    }
    if (control instanceof ComboBox<?> box) {
      return String.valueOf(box.getValue());
    }
    return ((TextField) control).getText();
  }

  private void set(PreferenceField field, String text) {
    Control control = controls.get(field);
    if (control instanceof CheckBox box) {
      box.setSelected(Boolean.parseBoolean(text));
    } else if (control instanceof ComboBox<?>) {
      @SuppressWarnings("unchecked")
      ComboBox<String> box = (ComboBox<String>) control;
      box.setValue(text);
    } else {
      ((TextField) control).setText(text);
    }
  }

  private void fill(Preferences preferences, boolean all) {
    for (PreferenceField field : controls.keySet()) {
      if (all) {
        set(field, PreferenceValues.text(preferences, field));
      }
    }
  }

  private void fillUnchanged(Preferences before, Preferences now) {
    for (PreferenceField field : controls.keySet()) {
      if (value(field).trim().equals(PreferenceValues.text(before, field))) {
        set(field, PreferenceValues.text(now, field));
      }
    }
  }

  /** Shows or hides the field's message; true if the value is valid. */
  private boolean validate(PreferenceField field) {
    if (saved == null) {
      return true;
    }
    String problem = PreferenceValues.problem(saved, field, value(field));
    Label error = errors.get(field);
    error.setText(problem == null ? "" : problem);
    error.setVisible(problem != null);
    error.setManaged(problem != null);
    Control control = controls.get(field);
    if (problem == null) {
      control.getStyleClass().remove("invalid");
    } else if (!control.getStyleClass().contains("invalid")) {
      control.getStyleClass().add("invalid");
    }
    updateButtons();
    return problem == null;
  }

  private void validateAll() {
    controls.keySet().forEach(this::validate);
  }

  private void updateButtons() {
    boolean anyError = errors.values().stream().anyMatch(Node::isVisible);
    saveButton.setDisable(anyError || changes().isEmpty());
    revertButton.setDisable(changes().isEmpty());
  }

  /** The pairs of every field whose text differs from the saved preferences. */
  private Map<String, String> changes() {
    Map<String, String> pairs = new LinkedHashMap<>();
    if (saved == null) {
      return pairs;
    }
    for (PreferenceField field : controls.keySet()) {
      String text = value(field).trim();
      if (!text.equals(PreferenceValues.text(saved, field))) {
        try {
          pairs.putAll(PreferenceValues.pairs(saved, field, text));
        } catch (PreferencesException e) {
          pairs.put(field.key(), text);
        }
      }
    }
    return pairs;
  }

  @FXML
  void save() {
    Map<String, String> pairs = changes();
    saveButton.setDisable(true);
    saveMessage.setText(messages.getString("prefs.saving"));
    service
        .updatePreferences(p -> PreferenceOverrides.apply(p, pairs))
        .whenComplete(
            (preferences, error) ->
                Platform.runLater(
                    () -> {
                      if (error != null) {
                        Throwable cause =
                            error instanceof CompletionException ? error.getCause() : error;
                        saveMessage.setText(String.valueOf(cause.getMessage()));
                        updateButtons();
                        return;
                      }
                      saved = preferences;
                      fill(preferences, true);
                      validateAll();
                      saveMessage.setText(messages.getString("prefs.saved"));
                      poller.pollSoon();
                    }));
  }

  @FXML
  void revert() {
    fill(saved, true);
    validateAll();
    saveMessage.setText("");
  }

  private void initAppSettings() {
    Settings current = settings.get();
    themeChoice.setItems(FXCollections.observableArrayList(ThemeChoice.values()));
    themeChoice.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(ThemeChoice choice) {
            return choice == null ? "" : messages.getString("theme." + choice);
          }

          @Override
          public ThemeChoice fromString(String text) {
            return null; // not editable
          }
        });
    themeChoice.setValue(current.theme());
    themeChoice.valueProperty().addListener((obs, old, now) -> themes.choose(now));
    startMinimisedBox.setSelected(current.startMinimised());
    startMinimisedBox
        .selectedProperty()
        .addListener(
            (obs, old, now) ->
                settings.update(s -> new Settings(s.projects(), s.theme(), now, s.startAtLogin())));
    startAtLoginBox.setSelected(current.startAtLogin() && autostart.enabled());
    if (!autostart.supported()) {
      startAtLoginBox.setDisable(true);
      appMessage.setText(messages.getString("prefs.startAtLoginElsewhere"));
    }
    startAtLoginBox
        .selectedProperty()
        .addListener(
            (obs, old, now) -> {
              try {
                autostart.set(now);
                settings.update(
                    s -> new Settings(s.projects(), s.theme(), s.startMinimised(), now));
                appMessage.setText(
                    now
                        ? java.text.MessageFormat.format(
                            messages.getString("prefs.startAtLoginOn"), autostart.file())
                        : "");
              } catch (IOException e) {
                appMessage.setText(e.getMessage());
              }
            });
  }
}
