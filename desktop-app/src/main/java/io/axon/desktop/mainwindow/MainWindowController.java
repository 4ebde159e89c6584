package io.axon.desktop.mainwindow;

import io.axon.desktop.common.FxmlLoaderFactory;
import io.axon.desktop.common.FxmlView;
import io.axon.desktop.settings.AppSettings;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.StackPane;

/** The window's frame: a navigation column and the view chosen in it. */
public final class MainWindowController {
  private final FxmlLoaderFactory loaders;
  private final AppSettings settings;
  private final Map<FxmlView, Parent> views = new EnumMap<>(FxmlView.class);

  @FXML private StackPane content;
  @FXML private ToggleGroup navigation;
  @FXML private ToggleButton statusNav;
  @FXML private ToggleButton projectsNav;
  @FXML private ToggleButton tasksNav;
  @FXML private ToggleButton preferencesNav;
  @FXML private ToggleButton earningsNav;
  @FXML private ToggleButton eventLogNav;

  @Inject
  MainWindowController(FxmlLoaderFactory loaders, AppSettings settings) {
    this.loaders = loaders;
    this.settings = settings;
  }

  @FXML
  void initialize() {
    statusNav.setUserData(FxmlView.STATUS);
    projectsNav.setUserData(FxmlView.PROJECTS);
    tasksNav.setUserData(FxmlView.TASKS);
    preferencesNav.setUserData(FxmlView.PREFERENCES);
    earningsNav.setUserData(FxmlView.EARNINGS);
    eventLogNav.setUserData(FxmlView.EVENT_LOG);
    navigation
        .selectedToggleProperty()
        .addListener(
            (obs, old, selected) -> {
              if (selected == null) {
                old.setSelected(true); // one view is always shown
              } else {
                content.getChildren().setAll(view((FxmlView) selected.getUserData()));
              }
            });
    // first run: straight to the place where one click attaches to the demo coordinator
    show(settings.get().projects().isEmpty() ? FxmlView.PROJECTS : FxmlView.STATUS);
  }

  /** Shows {@code view} and selects its navigation button. */
  public void show(FxmlView view) {
    for (Toggle toggle : navigation.getToggles()) {
      if (toggle.getUserData() == view) {
        toggle.setSelected(true);
      }
    }
  }

  /** The view now shown. */
  public FxmlView shown() {
    Toggle selected = navigation.getSelectedToggle();
    return selected == null ? null : (FxmlView) selected.getUserData();
  }

  private Parent view(FxmlView view) {
    return views.computeIfAbsent(view, v -> loaders.load(v).root());
  }
}
