package io.axon.desktop.common;

/** Every FXML file of the app, named {@code <feature>_<screen>.fxml} in its feature's folder. */
public enum FxmlView {
  MAIN_WINDOW("mainwindow/main_window.fxml"),
  STATUS("status/status_view.fxml"),
  PROJECTS("projects/projects_view.fxml"),
  TASKS("tasks/tasks_view.fxml"),
  PREFERENCES("preferences/preferences_view.fxml"),
  EARNINGS("earnings/earnings_view.fxml"),
  EVENT_LOG("eventlog/eventlog_view.fxml");

  private final String path;

  FxmlView(String path) {
    this.path = path;
  }

  /** The resource path, relative to {@code /io/axon/desktop/}. */
  public String path() {
    return path;
  }
}
